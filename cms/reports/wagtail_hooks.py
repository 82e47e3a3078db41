"""Registers the 年度报告 admin and its permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.reports.admin_views import NAMESPACE, AnnualReportViewSet, report_permission_policy
from cms.reports.models import AnnualReport

register_permission_policy(AnnualReport, report_permission_policy)


@hooks.register("register_admin_viewset")
def register_annual_report_viewset() -> AnnualReportViewSet:
    return AnnualReportViewSet(NAMESPACE)
