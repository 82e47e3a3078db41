"""Registers the 年度报告 admin and its permission policy, and refuses, with the reasons, to
publish a report page that fails its checks from the page editor or a bulk action (the page
itself refuses too: AnnualReportPage.clean; these hooks turn that into messages to the editor
instead of an error page)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.reports.admin_views import NAMESPACE, AnnualReportViewSet, report_permission_policy
from cms.reports.models import AnnualReport, AnnualReportPage

register_permission_policy(AnnualReport, report_permission_policy)


@hooks.register("register_admin_viewset")
def register_annual_report_viewset() -> AnnualReportViewSet:
    return AnnualReportViewSet(NAMESPACE)


def _refusals(page) -> list[str]:
    from cms.reports.generation import readiness_errors

    page = page.specific
    if not isinstance(page, AnnualReportPage) or not page.report_id:
        return []
    report = AnnualReport.objects.select_related("organisation__site").get(pk=page.report_id)
    errors = readiness_errors(report)
    return [f"“{page.title}”未通过校验，未发布：{e}" for e in errors]


@hooks.register("before_publish_page")
def refuse_failing_report_page(request, page):
    errors = _refusals(page)
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_failing_reports_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    errors = [error for page in objects for error in _refusals(page)]
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(action_class_instance.next_url)
    return None


@hooks.register("register_admin_viewset")
def register_site_report_viewset():
    from cms.reports.site_admin import SiteReportViewSet, site_report_policy
    from cms.reports.site_models import SiteAnnualReport

    register_permission_policy(SiteAnnualReport, site_report_policy)
    return SiteReportViewSet("site_reports")
