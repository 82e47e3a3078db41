"""Generating and publishing the 政府网站工作年度报表 (国办函〔2018〕12号), one per site and year.
`generate()` creates or refreshes the draft's computed figures; `publish()` publishes its page in
the site's 政务公开 column (/zwgk/wzndbb-<year>/) through publish_page, and the page's publish
signal freezes the figures and marks the report 已发布; `unpublish()` takes it back."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.core.publishing import publish_page
from cms.pages.column_types import ColumnType
from cms.pages.models import ColumnPage
from cms.reports.generation import ReportError, check_year
from cms.reports.site_figures import compute
from cms.reports.site_models import SiteAnnualReport, SiteAnnualReportPage

GI_COLUMN_SLUG = "zwgk"
# What the form must state before it goes public (the 填报 block identifies who answers for it).
REQUIRED_FOR_PUBLICATION = (
    ("filing_unit", "填报单位"),
    ("filler", "填报人"),
    ("filing_date", "填报日期"),
)


def generate(profile, year: int, *, today: datetime.date | None = None) -> SiteAnnualReport:
    """Create or refresh the draft of `profile` for `year`; a published report is unchanged."""
    check_year(year, today)
    with transaction.atomic():
        report, _created = SiteAnnualReport.objects.select_for_update().get_or_create(
            site=profile, year=year, defaults={"filing_unit": profile.sponsor}
        )
        if not report.is_published:
            compute(report)
            report.save()
    return report


def publication_column(profile) -> ColumnPage | None:
    """The site's 政务公开 column (the top-level 信息公开目录 column), where the form is published."""
    home = profile.site.root_page
    columns = ColumnPage.objects.child_of(home).live()
    return (
        columns.filter(slug=GI_COLUMN_SLUG).first()
        or columns.filter(column_type=ColumnType.GI_CATALOGUE).first()
    )


def readiness_errors(report: SiteAnnualReport) -> list[str]:
    return [
        f"发布前请填写“{label}”"
        for name, label in REQUIRED_FOR_PUBLICATION
        if not getattr(report, name)
    ]


@transaction.atomic
def publish(report: SiteAnnualReport, *, user=None) -> SiteAnnualReportPage:
    report = (
        SiteAnnualReport.objects.select_for_update().select_related("site__site").get(pk=report.pk)
    )
    errors = readiness_errors(report)
    column = publication_column(report.site)
    if column is None:
        errors.append(f"网站“{report.site}”没有“政务公开”栏目，无法发布年度报表")
    elif user is not None and not column.permissions_for_user(user).can_publish_subpage():
        errors.append("您没有在“政务公开”栏目发布页面的权限，请由本网站审核人员发布")
    if errors:
        raise ReportError(errors)
    if not report.is_published:
        compute(report)
        report.save()
    page = SiteAnnualReportPage.for_report(report)
    if page is None:
        page = SiteAnnualReportPage(title=report.title, slug=f"wzndbb-{report.year}", report=report)
        if column.get_children().filter(slug=page.slug).exists():
            page.slug = f"wzndbb-{report.year}-{report.pk}"
        return publish_page(page, parent=column, user=user)
    page.title = report.title
    return publish_page(page, user=user)


@transaction.atomic
def unpublish(report: SiteAnnualReport, *, user=None) -> None:
    page = SiteAnnualReportPage.for_report(report)
    if (
        user is not None
        and page is not None
        and not page.permissions_for_user(user).can_unpublish()
    ):
        raise ReportError(["您没有撤下本网站页面的权限，请由本网站审核人员撤回"])
    if page is not None and page.live:
        page.unpublish(user=user)
    else:
        report.mark_draft()
    report.refresh_from_db(fields=["status"])


@receiver(page_published, sender=SiteAnnualReportPage)
def site_report_page_published(sender, instance: SiteAnnualReportPage, **kwargs) -> None:
    report = (
        SiteAnnualReport.objects.select_related("site__site").filter(pk=instance.report_id).first()
    )
    if report is not None and not report.is_published:
        report.mark_published()


@receiver(page_unpublished, sender=SiteAnnualReportPage)
def site_report_page_unpublished(sender, instance: SiteAnnualReportPage, **kwargs) -> None:
    report = SiteAnnualReport.objects.filter(pk=instance.report_id).first()
    if report is not None:
        report.mark_draft()


def published_years(site_ids) -> dict[int, set[int]]:
    """Which years each site has published its 年度报表 for (one query; read by the audit)."""
    years: dict[int, set[int]] = {}
    for site_id, year in SiteAnnualReport.objects.filter(
        site_id__in=list(site_ids), status="published"
    ).values_list("site_id", "year"):
        years.setdefault(site_id, set()).add(year)
    return years
