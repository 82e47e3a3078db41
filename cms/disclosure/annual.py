"""Figures the annual report (年度报告, 条例 第四十九、五十条) takes from the disclosure records:
table 二's 规章 and 行政规范性文件 rows × 本年制发件数 / 本年废止件数 / 现行有效件数
(国办公开办函〔2021〕30号). `regulation_counts` is pure; `table_two_regulations` reads the database.

Counting rules (dates, not today's status, so last year's report can be regenerated later):
- 本年制发: 成文日期 in the year.
- 本年废止: 废止日期 in the year (and 失效日期 too when `count_expired=True`, for local rules that
  report 废止和失效 together).
- 现行有效: formed on or before 31 December and still in force on that day.
Aliases are the same record and count once; only live (published) records count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cms.disclosure.vocab import RegulatoryKind, Validity

TABLE_TWO_KINDS = (RegulatoryKind.RULE, RegulatoryKind.NORMATIVE)


@dataclass(frozen=True)
class RegulatoryRecord:
    kind: str
    written_date: dt.date
    validity: str = Validity.VALID
    expiry_date: dt.date | None = None
    repeal_date: dt.date | None = None


@dataclass(frozen=True)
class TableTwoCounts:
    issued: int = 0  # 本年制发件数
    repealed: int = 0  # 本年废止件数
    in_force: int = 0  # 现行有效件数


def validity_on(record: RegulatoryRecord, day: dt.date) -> str:
    """有效/失效/废止 on `day`, from the dates; a status without a date counts as already so."""
    if record.repeal_date and record.repeal_date <= day:
        return Validity.REPEALED
    if record.expiry_date and record.expiry_date <= day:
        return Validity.EXPIRED
    if record.validity == Validity.REPEALED and not record.repeal_date:
        return Validity.REPEALED
    if record.validity == Validity.EXPIRED and not record.expiry_date:
        return Validity.EXPIRED
    return Validity.VALID


def regulation_counts(
    records: Iterable[RegulatoryRecord], year: int, *, count_expired: bool = False
) -> dict[str, TableTwoCounts]:
    """Table 二 counts keyed by 规章 and 行政规范性文件 (both always present)."""
    year_end = dt.date(year, 12, 31)
    tallies = {kind: [0, 0, 0] for kind in TABLE_TWO_KINDS}
    for record in records:
        if record.kind not in tallies:
            continue
        tally = tallies[record.kind]
        if record.written_date.year == year:
            tally[0] += 1
        ended_in_year = bool(record.repeal_date and record.repeal_date.year == year)
        if count_expired and not record.repeal_date:
            ended_in_year = bool(record.expiry_date and record.expiry_date.year == year)
        if ended_in_year:
            tally[1] += 1
        if record.written_date <= year_end and validity_on(record, year_end) == Validity.VALID:
            tally[2] += 1
    return {kind: TableTwoCounts(*tally) for kind, tally in tallies.items()}


def regulatory_records(organisations) -> list[RegulatoryRecord]:
    """The 规章/规范性文件 records of `organisations` (a queryset or iterable of Organisation)."""
    from cms.disclosure.models import DisclosurePage

    rows = (
        DisclosurePage.objects.live()
        .filter(alias_of__isnull=True, organisation__in=organisations)
        .filter(regulatory_kind__in=TABLE_TWO_KINDS)
        .values_list("regulatory_kind", "written_date", "validity", "expiry_date", "repeal_date")
    )
    return [RegulatoryRecord(*row) for row in rows]


def table_two_regulations(
    organisations, year: int, *, count_expired: bool = False
) -> dict[str, TableTwoCounts]:
    """What the annual report calls: table 二 规章/行政规范性文件 figures for `organisations`
    (one organisation, or a government and all its departments) in `year`. One query."""
    return regulation_counts(regulatory_records(organisations), year, count_expired=count_expired)
