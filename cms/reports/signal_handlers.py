"""The one place a report's publish state changes: it follows its page. When the page is
published (from the report screen, the page editor, a bulk action or a workflow) the report is
frozen and marked 已发布; when it is unpublished, the report is a draft again. A report that
fails its checks never gets here: its page refuses to go live (AnnualReportPage.clean), and the
admin hooks in cms.reports.wagtail_hooks show the editor why."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.reports.models import AnnualReport, AnnualReportPage


@receiver(page_unpublished, sender=AnnualReportPage)
def report_page_unpublished(sender, instance: AnnualReportPage, **kwargs) -> None:
    report = AnnualReport.objects.filter(pk=instance.report_id).first()
    if report is not None:
        report.mark_draft()


@receiver(page_published, sender=AnnualReportPage)
def report_page_published(sender, instance: AnnualReportPage, **kwargs) -> None:
    report = (
        AnnualReport.objects.select_related("organisation__site")
        .filter(pk=instance.report_id)
        .first()
    )
    if report is not None and not report.is_published:
        report.mark_published()
