"""The cross-checks (勾稽关系) of the annual report, each failure a Chinese sentence that names the
cell and both figures, so staff can find the typo:
- table 三, per column: 一 + 二 = 三（七） + 四, and 三（七） = the sum of the result rows;
- table 三, per row: 总计 = the sum of the six applicant columns;
- table 三 二、上年结转 = 四、结转下年度继续办理 of last year's published report;
- table 四, per proceeding: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""

from __future__ import annotations

from collections.abc import Mapping

from cms.reports.layout import (
    PROCEEDINGS,
    RESULTS,
    TABLE_THREE_COLUMN_LABELS,
    TABLE_THREE_SHORT_ROW_LABELS,
    result_row_label,
)
from cms.requests.table_three import (
    COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    ROWS,
    TOTAL_COLUMN,
    ApplicantType,
    ReplyType,
)

Cells = Mapping[str, Mapping[str, int]]


def _column_name(column: str) -> str:
    label = TABLE_THREE_COLUMN_LABELS[column]
    return "法人或其他组织“其他”" if column == ApplicantType.OTHER_ORGANISATION else label


def table_three_errors(cells: Cells) -> list[str]:
    errors = []
    short = TABLE_THREE_SHORT_ROW_LABELS
    for column in COLUMNS:
        c = {row: cells[row][column] for row in ROWS}
        name = _column_name(column)
        results = sum(c[reply] for reply in ReplyType.values)
        if c[ROW_RESULTS_TOTAL] != results:
            errors.append(
                f"表三 {name} {short[ROW_RESULTS_TOTAL]}（{c[ROW_RESULTS_TOTAL]}）"
                f"应等于各项办理结果之和（{results}）"
            )
        left = c[ROW_NEW] + c[ROW_CARRIED_IN]
        right = c[ROW_RESULTS_TOTAL] + c[ROW_CARRIED_OUT]
        if left != right:
            errors.append(
                f"表三 {name}：{short[ROW_NEW]}（{c[ROW_NEW]}）与{short[ROW_CARRIED_IN]}"
                f"（{c[ROW_CARRIED_IN]}）之和（{left}）应等于{short[ROW_RESULTS_TOTAL]}"
                f"（{c[ROW_RESULTS_TOTAL]}）与{short[ROW_CARRIED_OUT]}（{c[ROW_CARRIED_OUT]}）"
                f"之和（{right}）"
            )
    for row in ROWS:
        values = cells[row]
        applicants = sum(values[c] for c in ApplicantType.values)
        if values[TOTAL_COLUMN] != applicants:
            label = short.get(row) or result_row_label(row)
            errors.append(
                f"表三 {label} 总计（{values[TOTAL_COLUMN]}）应等于六类申请人之和（{applicants}）"
            )
    return errors


def carried_in_errors(cells: Cells, previous_cells: Cells | None, previous_year: int) -> list[str]:
    """This year's 二 must equal last year's 四, column by column (when last year was published)."""
    if previous_cells is None:
        return []
    errors = []
    for column in COLUMNS:
        now, before = cells[ROW_CARRIED_IN][column], previous_cells[ROW_CARRIED_OUT][column]
        if now != before:
            errors.append(
                f"表三 {_column_name(column)} {TABLE_THREE_SHORT_ROW_LABELS[ROW_CARRIED_IN]}（{now}）"
                f"应等于{previous_year}年度报告{TABLE_THREE_SHORT_ROW_LABELS[ROW_CARRIED_OUT]}"
                f"（{before}）"
            )
    return errors


def table_four_errors(values: Mapping[str, int | None]) -> dict[str, str]:
    """Field name of the failing 总计 → message; empty values count as 0 (the form requires them)."""
    errors = {}
    parts = [r for r, _ in RESULTS if r != "total"]
    part_labels = "、".join(label for r, label in RESULTS if r != "total")
    for proceeding, label in PROCEEDINGS:
        total = values.get(f"{proceeding}_total") or 0
        summed = sum(values.get(f"{proceeding}_{r}") or 0 for r in parts)
        if total != summed:
            errors[f"{proceeding}_total"] = (
                f"表四 {label} 总计（{total}）应等于{part_labels}之和（{summed}）"
            )
    return errors
