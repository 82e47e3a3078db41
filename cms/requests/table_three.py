"""Table 三 of the annual report (国办公开办函〔2021〕30号, STANDARDS.md §1): its columns (applicant
types) and result rows (reply types), which the request models use as their choices so every case
lands in exactly one cell, and `table_three_counts()`, the pure count the annual report calls.
The cross-checks of the counted table live in one place: cms.reports.checks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models


class ApplicantType(models.TextChoices):
    """Table 三's six applicant columns (总计 is their sum)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORGANISATION = "other_organisation", "其他组织"


ORGANISATION_TYPES = frozenset(ApplicantType) - {ApplicantType.NATURAL_PERSON}
TOTAL_COLUMN = "total"
COLUMNS: tuple[str, ...] = (*ApplicantType.values, TOTAL_COLUMN)
COLUMN_LABELS = {**dict(ApplicantType.choices), TOTAL_COLUMN: "总计"}


class ReplyType(models.TextChoices):
    """Table 三 row 三 (本年度办理结果), one choice per row; labels keep the national numbering."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTLY_DISCLOSED = "partly_disclosed", "（二）部分公开"
    WITHHELD_STATE_SECRET = "withheld_state_secret", "（三）不予公开 1.属于国家秘密"
    WITHHELD_LAW = "withheld_law", "（三）不予公开 2.其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_security", "（三）不予公开 3.危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "（三）不予公开 4.保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "（三）不予公开 5.属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "（三）不予公开 6.属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "（三）不予公开 7.属于行政执法案卷"
    WITHHELD_QUERY = "withheld_query", "（三）不予公开 8.属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable_needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
    )
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", "（四）无法提供 3.补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed_petition", "（五）不予处理 1.信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "not_processed_repeat", "（五）不予处理 2.重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", "（五）不予处理 3.要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", "（五）不予处理 4.无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = (
        "not_processed_confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    OTHER_UNPAID = (
        "other_unpaid",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other", "（六）其他处理 3.其他"


# Rows of table 三 in print order: 一, 二, the 21 result rows, 三(七) 总计, 四.
ROW_NEW = "new"
ROW_CARRIED_IN = "carried_in"
ROW_RESULTS_TOTAL = "results_total"
ROW_CARRIED_OUT = "carried_out"
ROWS: tuple[str, ...] = (
    ROW_NEW,
    ROW_CARRIED_IN,
    *ReplyType.values,
    ROW_RESULTS_TOTAL,
    ROW_CARRIED_OUT,
)
ROW_LABELS = {
    ROW_NEW: "一、本年新收政府信息公开申请数量",
    ROW_CARRIED_IN: "二、上年结转政府信息公开申请数量",
    **{value: f"三、本年度办理结果 {label}" for value, label in ReplyType.choices},
    ROW_RESULTS_TOTAL: "三、本年度办理结果 （七）总计",
    ROW_CARRIED_OUT: "四、结转下年度继续办理",
}


@dataclass
class TableThree:
    year: int
    cells: dict[str, dict[str, int]] = field(
        default_factory=lambda: {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    )

    def cell(self, row: str, column: str) -> int:
        return self.cells[row][column]


def _facts(
    cases: Iterable,
) -> Iterable[tuple[str, datetime.date | None, datetime.date | None, str]]:
    if hasattr(cases, "values_list"):  # a QuerySet: fetch only the four facts the table needs
        return cases.values_list("applicant_type", "received_date", "closed_date", "reply_type")
    return ((c.applicant_type, c.received_date, c.closed_date, c.reply_type) for c in cases)


def table_three_counts(cases: Iterable, year: int) -> TableThree:
    """Count table 三 for `year` from request cases (a RequestCase queryset or any objects with
    applicant_type, received_date, closed_date and reply_type).

    A case counts once it has a receipt date (Art. 31): 一 if received in the year, 二 if received
    earlier and still open on 1 January; it appears in the result row of its reply type if closed
    in the year, else in 四 if received by 31 December. Cases closed before they were ever
    received (an online form withdrawn before staff confirmed it) are not requests in law."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table = TableThree(year)
    cells = table.cells
    for applicant_type, received, closed, reply_type in _facts(cases):
        if received is None or received > end:
            continue
        if closed is not None and closed < start:
            continue
        rows = [ROW_NEW if received >= start else ROW_CARRIED_IN]
        if closed is not None and closed <= end:
            rows += [reply_type, ROW_RESULTS_TOTAL]
        else:
            rows.append(ROW_CARRIED_OUT)
        for row in rows:
            cells[row][applicant_type] += 1
            cells[row][TOTAL_COLUMN] += 1
    return table
