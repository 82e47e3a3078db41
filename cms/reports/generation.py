"""Generating, checking and publishing annual reports, one per agency and year (条例 第四条,
第四十九条). Table 三 comes from the request cases the agency answers (cms.requests.agencies),
table 二's 规章/行政规范性文件 rows from the agency's own disclosure records
(cms.disclosure.annual); both are snapshotted on the report and frozen once it is published, so
a published report never changes when old cases are edited later.

Publishing is publishing the report's page: `publish()` checks, then publishes a revision of the
page; the page refuses to go live while the report fails its checks (AnnualReportPage.clean),
and the page's publish/unpublish signals are the one place the report's status changes
(cms.reports.signal_handlers). Every refusal is a `ReportError` carrying one Chinese sentence
per failed check."""

from __future__ import annotations

import datetime
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from cms.core.publishing import publish_page
from cms.core.validators import normalise_code
from cms.disclosure.annual import table_two_regulations
from cms.disclosure.models import Organisation
from cms.disclosure.vocab import RegulatoryKind
from cms.pages.column_types import ColumnType
from cms.pages.models import ColumnPage
from cms.reports.checks import carried_in_errors, table_four_errors, table_three_errors
from cms.reports.layout import TABLE_FOUR_FIELDS
from cms.reports.models import EARLIEST_YEAR, AnnualReport, AnnualReportPage, ReportStatus
from cms.requests.agencies import default_organisation
from cms.requests.models import RequestCase
from cms.requests.table_three import table_three_counts

REGULATION_KEYS = {RegulatoryKind.RULE: "rule", RegulatoryKind.NORMATIVE: "normative"}
ANNUAL_REPORT_COLUMN_SLUG = "gknb"


class ReportError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


def check_year(year: int, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if not EARLIEST_YEAR <= year < today.year:
        raise ReportError(
            [f"报告年度应为已经结束的年度（{EARLIEST_YEAR}—{today.year - 1}），收到的是“{year}”"]
        )


def find_organisation(text: str) -> Organisation:
    """By full name or 统一社会信用代码."""
    text = (text or "").strip()
    organisation = (
        Organisation.objects.select_related("site").filter(name=text).first()
        or Organisation.objects.select_related("site")
        .filter(credit_code=normalise_code(text))
        .first()
    )
    if organisation is None:
        raise ReportError([f"找不到名称或统一社会信用代码为“{text}”的机构"])
    return organisation


def compute(report: AnnualReport) -> None:
    """Refresh the computed tables of a draft from the agency's records (does not save)."""
    organisation = report.organisation
    table = table_three_counts(RequestCase.objects.answered_by(organisation), report.year)
    regulations = table_two_regulations(
        Organisation.objects.filter(pk=organisation.pk), report.year
    )
    report.table_three_data = {"cells": table.cells}
    report.table_two_data = {REGULATION_KEYS[k]: asdict(v) for k, v in regulations.items()}
    report.generated_at = timezone.now()


def previous_report(report: AnnualReport) -> AnnualReport | None:
    return AnnualReport.objects.filter(
        organisation=report.organisation, year=report.year - 1, status=ReportStatus.PUBLISHED
    ).first()


def check(report: AnnualReport) -> list[str]:
    """Every failed cross-check of the report as it stands, in table order."""
    errors: list[str] = []
    cells = report.table_three_data.get("cells")
    if cells:
        errors += table_three_errors(cells)
        previous = previous_report(report)
        if previous is not None and previous.table_three_data.get("cells"):
            errors += carried_in_errors(cells, previous.table_three_data["cells"], previous.year)
    errors += table_four_errors({f: getattr(report, f) for f in TABLE_FOUR_FIELDS}).values()
    return errors


def publication_errors(report: AnnualReport) -> list[str]:
    errors = check(report)
    if not report.overview.strip():
        errors.append("发布前请填写“一、总体情况”")
    return errors


def readiness_errors(report: AnnualReport) -> list[str]:
    """Why `report` cannot be published now, counted on fresh figures if it is still a draft
    (nothing is saved). What the page checks before it goes live, wherever that is asked."""
    if not report.is_published:
        compute(report)
    return publication_errors(report)


def generate(
    organisation: Organisation,
    year: int,
    *,
    today: datetime.date | None = None,
    enforce_checks: bool = True,
) -> AnnualReport:
    """Create or refresh the draft report of `organisation` for `year` and check it. A published
    report is returned unchanged (its figures are frozen). Raises ReportError on failed checks,
    leaving nothing written (callers that go on to change figures check afterwards)."""
    check_year(year, today)
    with transaction.atomic():
        report, _ = AnnualReport.objects.select_for_update().get_or_create(
            organisation=organisation, year=year
        )
        report.organisation = organisation
        if not report.is_published:
            compute(report)
        errors = check(report) if enforce_checks else []
        if errors:
            raise ReportError(errors)
        report.save()
    return report


def annual_report_column(site) -> ColumnPage | None:
    columns = ColumnPage.objects.descendant_of(site.site.root_page).filter(
        column_type=ColumnType.GI_ANNUAL_REPORT
    )
    return columns.filter(slug=ANNUAL_REPORT_COLUMN_SLUG).first() or columns.first()


def page_slug(report: AnnualReport) -> str:
    """The report's address in its host site's 公开年报 column: /zwgk/gknb/2025/ for the site's own
    agency, /zwgk/gknb/2025-<统一社会信用代码>/ for the other agencies it hosts, so the reports
    of the agencies sharing a site never collide."""
    organisation = report.organisation
    default = default_organisation(organisation.site)
    if default is not None and default.pk == organisation.pk:
        return str(report.year)
    return f"{report.year}-{organisation.credit_code.lower()}"


@transaction.atomic
def publish(report: AnnualReport, *, user=None) -> AnnualReportPage:
    """Publish the report's page in its host site's 公开年报 column; the page's publish signal
    freezes the figures and marks the report 已发布."""
    report = (
        AnnualReport.objects.select_for_update()
        .select_related("organisation__site")
        .get(pk=report.pk)
    )
    errors = readiness_errors(report)
    column = annual_report_column(report.organisation.site)
    if column is None:
        errors.append(f"网站“{report.organisation.site}”没有“公开年报”栏目，无法发布年度报告")
    elif user is not None and not column.permissions_for_user(user).can_publish_subpage():
        # Same rule as any page on the site: editors prepare, the site's moderators publish.
        errors.append("您没有在“公开年报”栏目发布页面的权限，请由本网站审核人员发布")
    if errors:
        raise ReportError(errors)
    page = AnnualReportPage.for_report(report)
    if page is None:
        page = AnnualReportPage(title=report.title, slug=page_slug(report), report=report)
        if column.get_children().filter(slug=page.slug).exists():
            page.slug = f"nb{report.year}-{report.pk}"
        return publish_page(page, parent=column, user=user)
    page.title = report.title
    return publish_page(page, user=user)


@transaction.atomic
def unpublish(report: AnnualReport, *, user=None) -> None:
    """Back to 草稿: the page leaves the site and the figures are recomputed on the next save."""
    page = AnnualReportPage.for_report(report)
    if (
        user is not None
        and page is not None
        and not page.permissions_for_user(user).can_unpublish()
    ):
        raise ReportError(["您没有撤下本网站页面的权限，请由本网站审核人员撤回"])
    if page is not None and page.live:
        page.unpublish(user=user)  # the page_unpublished handler marks the report 草稿
    else:
        report.mark_draft()
    report.refresh_from_db(fields=["status"])
