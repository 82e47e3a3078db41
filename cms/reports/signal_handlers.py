"""Keeps a report's status in step with its page when editors (un)publish the page from the page
explorer instead of the report screen: unpublishing makes the report a draft again; publishing
it again re-runs the checks, and a report that fails them is taken off the site at once."""

from __future__ import annotations

import logging

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from cms.reports.models import AnnualReportPage, ReportStatus

logger = logging.getLogger("jiyue")


@receiver(page_unpublished, sender=AnnualReportPage)
def report_page_unpublished(sender, instance: AnnualReportPage, **kwargs) -> None:
    if instance.report_id:
        type(instance.report).objects.filter(pk=instance.report_id).update(
            status=ReportStatus.DRAFT
        )


@receiver(page_published, sender=AnnualReportPage)
def report_page_published(sender, instance: AnnualReportPage, **kwargs) -> None:
    from cms.reports.generation import compute, publication_errors
    from cms.reports.models import AnnualReport

    report = AnnualReport.objects.filter(pk=instance.report_id).first()
    if report is None or report.is_published:
        return
    compute(report)
    errors = publication_errors(report)
    if errors:
        logger.warning("年度报告 %s 未通过校验，已撤下页面：%s", report, "；".join(errors))
        # `instance` may be a stale copy (live=False) of the page the action just saved live.
        AnnualReportPage.objects.get(pk=instance.pk).unpublish()
        return
    report.status = ReportStatus.PUBLISHED
    report.published_at = report.published_at or timezone.now()
    report.save()
