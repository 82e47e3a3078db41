"""The national layout of annual-report tables 二, 三 and 四 (国办公开办函〔2021〕30号,
STANDARDS.md §1) as grids of header and value cells with their row and column spans. The HTML
page, the admin preview and the XLSX export all draw from these grids, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cms.requests.table_three import (
    COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    TOTAL_COLUMN,
    ApplicantType,
    ReplyType,
)

# Table 二, 第二十条第（一）项: keys of the computed regulation counts (cms.disclosure.annual).
REGULATION_ROWS = (("rule", "规章"), ("normative", "行政规范性文件"))
REGULATION_COLUMNS = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
# Table 二's manually entered cells: (条例 第二十条 item, header, [(model field, row label)]).
TABLE_TWO_MANUAL_SECTIONS = (
    ("第二十条第（五）项", "本年处理决定数量", (("licensing_decisions", "行政许可"),)),
    (
        "第二十条第（六）项",
        "本年处理决定数量",
        (("penalty_decisions", "行政处罚"), ("enforcement_decisions", "行政强制")),
    ),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees_amount", "行政事业性收费"),)),
)

# Table 三's column headers as printed (the fifth organisation column is just “其他”).
TABLE_THREE_COLUMN_LABELS = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.COMMERCIAL: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.PUBLIC_WELFARE: "社会公益组织",
    ApplicantType.LEGAL_SERVICE: "法律服务机构",
    ApplicantType.OTHER_ORGANISATION: "其他",
    TOTAL_COLUMN: "总计",
}
PARTLY_DISCLOSED_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
TABLE_THREE_SHORT_ROW_LABELS = {
    ROW_NEW: "一、本年新收政府信息公开申请数量",
    ROW_CARRIED_IN: "二、上年结转政府信息公开申请数量",
    ROW_RESULTS_TOTAL: "三、本年度办理结果（七）总计",
    ROW_CARRIED_OUT: "四、结转下年度继续办理",
}
CROSS_CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# Table 四: three proceedings × five results = the 15 manually entered numbers.
PROCEEDINGS = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)
RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
TABLE_FOUR_FIELDS = tuple(f"{p}_{r}" for p, _ in PROCEEDINGS for r, _ in RESULTS)


def table_four_label(field_name: str) -> str:
    """“行政复议 总计” for `review_total`."""
    for proceeding, proceeding_label in PROCEEDINGS:
        for result, result_label in RESULTS:
            if field_name == f"{proceeding}_{result}":
                return f"{proceeding_label} {result_label}"
    raise KeyError(field_name)


def reply_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Result rows grouped as printed: [(“（三）不予公开”, [(reply value, “1.属于国家秘密”), …]), …];
    (一) and (二) are groups of one row with an empty item label."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for value, label in ReplyType.choices:
        group, _, item = label.partition(" ")
        if value == ReplyType.PARTLY_DISCLOSED:
            group = PARTLY_DISCLOSED_LABEL
        if groups and groups[-1][0] == group:
            groups[-1][1].append((value, item))
        else:
            groups.append((group, [(value, item)]))
    return groups


def result_row_label(reply_value: str) -> str:
    """“三、本年度办理结果（三）不予公开 1.属于国家秘密”: how a message names a result row."""
    for group, items in reply_groups():
        for value, item in items:
            if value == reply_value:
                return f"三、本年度办理结果{group}{(' ' + item) if item else ''}"
    return TABLE_THREE_SHORT_ROW_LABELS[reply_value]


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = True
    scope: str = ""  # col, colgroup, row, rowgroup (HTML th scope)
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = False


@dataclass(frozen=True)
class Grid:
    caption: str
    head: list[list[Cell]]
    body: list[list[Cell]]

    @property
    def width(self) -> int:
        return sum(cell.colspan for cell in self.head[0])


def _value(value: int | Decimal | None) -> Cell:
    if value is None:
        return Cell("", header=False)
    return Cell(format_number(value), header=False, numeric=True)


def format_number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        # 万元 with up to four decimals (1 元 precision), no trailing zeros: 12.5, not 12.5000.
        text = f"{value.quantize(Decimal('0.0001')):f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def table_two_grid(regulations: dict, manual: dict) -> Grid:
    """`regulations` = {"rule": {"issued": n, …}, "normative": {…}}; `manual` = field → value."""
    body: list[list[Cell]] = [
        [Cell("第二十条第（一）项", scope="colgroup", colspan=4)],
        [Cell("信息内容", scope="col")]
        + [Cell(label, scope="col") for _, label in REGULATION_COLUMNS],
    ]
    for key, label in REGULATION_ROWS:
        counts = regulations.get(key, {})
        body.append(
            [Cell(label, scope="row")] + [_value(counts.get(c)) for c, _ in REGULATION_COLUMNS]
        )
    for item, header, rows in TABLE_TWO_MANUAL_SECTIONS:
        body.append([Cell(item, scope="colgroup", colspan=4)])
        body.append([Cell("信息内容", scope="col"), Cell(header, scope="col", colspan=3)])
        for field_name, label in rows:
            value = manual.get(field_name)
            cell = _value(value)
            body.append([Cell(label, scope="row"), Cell(cell.text, False, numeric=True, colspan=3)])
    return Grid("二、主动公开政府信息情况", head=[], body=body)


def table_three_grid(cells: dict[str, dict[str, int]]) -> Grid:
    """`cells` = {row key: {column key: n}} as produced by cms.requests.table_three."""
    org_columns = [c for c in ApplicantType.values if c != ApplicantType.NATURAL_PERSON]
    head = [
        [
            Cell(CROSS_CHECK_NOTE, scope="", colspan=3, rowspan=3),
            Cell("申请人情况", scope="colgroup", colspan=len(COLUMNS)),
        ],
        [
            Cell(TABLE_THREE_COLUMN_LABELS[ApplicantType.NATURAL_PERSON], scope="col", rowspan=2),
            Cell("法人或其他组织", scope="colgroup", colspan=len(org_columns)),
            Cell(TABLE_THREE_COLUMN_LABELS[TOTAL_COLUMN], scope="col", rowspan=2),
        ],
        [Cell(TABLE_THREE_COLUMN_LABELS[c], scope="col") for c in org_columns],
    ]

    def values(row: str) -> list[Cell]:
        return [_value(cells.get(row, {}).get(column, 0)) for column in COLUMNS]

    body = [
        [Cell(TABLE_THREE_SHORT_ROW_LABELS[ROW_NEW], scope="row", colspan=3), *values(ROW_NEW)],
        [
            Cell(TABLE_THREE_SHORT_ROW_LABELS[ROW_CARRIED_IN], scope="row", colspan=3),
            *values(ROW_CARRIED_IN),
        ],
    ]
    groups = reply_groups()
    result_rows = sum(len(items) for _, items in groups) + 1  # + (七) 总计
    for group_index, (group, items) in enumerate(groups):
        for item_index, (value, item) in enumerate(items):
            row: list[Cell] = []
            if group_index == 0 and item_index == 0:
                row.append(Cell("三、本年度办理结果", scope="rowgroup", rowspan=result_rows))
            if not item:
                row.append(Cell(group, scope="row", colspan=2))
            else:
                if item_index == 0:
                    row.append(Cell(group, scope="rowgroup", rowspan=len(items)))
                row.append(Cell(item, scope="row"))
            body.append(row + values(value))
    body.append([Cell("（七）总计", scope="row", colspan=2), *values(ROW_RESULTS_TOTAL)])
    body.append(
        [
            Cell(TABLE_THREE_SHORT_ROW_LABELS[ROW_CARRIED_OUT], scope="row", colspan=3),
            *values(ROW_CARRIED_OUT),
        ]
    )
    return Grid("三、收到和处理政府信息公开申请情况", head=head, body=body)


def table_four_grid(manual: dict) -> Grid:
    head = [
        [
            Cell("行政复议", scope="colgroup", colspan=len(RESULTS)),
            Cell("行政诉讼", scope="colgroup", colspan=2 * len(RESULTS)),
        ],
        [Cell(label, scope="col", rowspan=2) for _, label in RESULTS]
        + [
            Cell("未经复议直接起诉", scope="colgroup", colspan=len(RESULTS)),
            Cell("复议后起诉", scope="colgroup", colspan=len(RESULTS)),
        ],
        [Cell(label, scope="col") for _ in range(2) for _, label in RESULTS],
    ]
    body = [[_value(manual.get(name)) for name in TABLE_FOUR_FIELDS]]
    return Grid("四、政府信息公开行政复议、行政诉讼情况", head=head, body=body)


def place(rows: list[list[Cell]], first_row: int = 0) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) positions of `rows` using the HTML table algorithm (cells skip the
    slots that row spans from above already occupy). 0-based."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((first_row + r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed
