"""The site-level summary for a site's GI office: for each agency the site hosts, the year's
table 三 totals (counted by the same `table_three_counts` as the annual report), the replies made
after their deadline, the open and overdue cases today and the fees noticed. Requests belong to
agencies (条例 第四条); the office handling them for the site needs them side by side."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from cms.requests.agencies import agencies_for_site
from cms.requests.models import RequestCase
from cms.requests.table_three import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    TOTAL_COLUMN,
    table_three_counts,
)
from cms.requests.workflow import OPEN

FIGURES = ("new", "carried_in", "closed", "carried_out", "late", "open", "overdue")


@dataclass
class AgencyFigures:
    name: str
    new: int = 0
    carried_in: int = 0
    closed: int = 0
    carried_out: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    fees: Decimal = Decimal(0)

    def add(self, other: AgencyFigures) -> None:
        for name in FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fees += other.fees


@dataclass
class SiteSummary:
    site: object
    rows: list[AgencyFigures] = field(default_factory=list)
    total: AgencyFigures = field(default_factory=lambda: AgencyFigures("合计"))


def agency_figures(name: str, cases, year: int, today: datetime.date) -> AgencyFigures:
    table = table_three_counts(cases, year)
    in_year = Q(closed_date__year=year)
    fees = Decimal(0)
    for amount, corrected in cases.filter(
        received_date__year=year, fee_amount__isnull=False
    ).values_list("fee_amount", "fee_corrected_amount"):
        fees += corrected if corrected is not None else amount
    return AgencyFigures(
        name=name,
        new=table.cell(ROW_NEW, TOTAL_COLUMN),
        carried_in=table.cell(ROW_CARRIED_IN, TOTAL_COLUMN),
        closed=table.cell(ROW_RESULTS_TOTAL, TOTAL_COLUMN),
        carried_out=table.cell(ROW_CARRIED_OUT, TOTAL_COLUMN),
        late=cases.flag_late().filter(in_year).count(),
        open=cases.filter(state__in=OPEN).count(),
        overdue=cases.flag_overdue(today).count(),
        fees=fees,
    )


def site_summaries(sites, year: int, today: datetime.date) -> list[SiteSummary]:
    summaries = []
    for site in sites.order_by("sort_order", "pk"):
        summary = SiteSummary(site)
        site_cases = RequestCase.objects.filter(site=site)
        agencies = list(agencies_for_site(site))
        groups = [(a.name, site_cases.answered_by(a)) for a in agencies]
        if not agencies:
            groups = [("（本网站尚未设置机关）", site_cases)]
        for name, cases in groups:
            row = agency_figures(name, cases, year, today)
            summary.rows.append(row)
            summary.total.add(row)
        summaries.append(summary)
    return summaries
