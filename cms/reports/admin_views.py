"""Admin screens (年度报告 menu): the list of reports with their deadlines, the form for the figures
staff enter (errors name the cell), a preview of the whole report in the national layout with
publish/withdraw buttons, and the XLSX download. Staff see the reports of the organisations on the
sites whose editors or moderators group they belong to; superusers see all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.core.admin_scoping import ScopedObjectMixin
from cms.disclosure.models import organisations_for_user
from cms.reports.forms import AnnualReportForm
from cms.reports.generation import ReportError, check, compute, publish, unpublish
from cms.reports.layout import PROCEEDINGS, RESULTS
from cms.reports.models import AnnualReport
from cms.reports.xlsx import xlsx_response
from sites.scope import site_staff_users

NAMESPACE = "annual_reports"


def reports_for_user(user) -> QuerySet[AnnualReport]:
    if not (user.is_authenticated and user.is_active):
        return AnnualReport.objects.none()
    if user.is_superuser:
        return AnnualReport.objects.all()
    return AnnualReport.objects.filter(organisation__in=organisations_for_user(user).values("pk"))


class ReportPermissionPolicy(BasePermissionPolicy):
    """Site staff do everything to their sites' reports except delete a published one."""

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or organisations_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action == "delete" and instance.is_published:
            return False
        return reports_for_user(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return reports_for_user(user)

    def users_with_any_permission(self, actions):
        return site_staff_users()


report_permission_policy = ReportPermissionPolicy(AnnualReport)


def _deadline(report: AnnualReport) -> str:
    text = f"{report.deadline:%Y-%m-%d}"
    return f"{text}（已逾期）" if report.is_overdue(timezone.localdate()) else text


class ReportIndexView(generic.IndexView):
    # Read by ModelViewSet's menu item on the class itself, so it must be set here.
    any_permission_required = ["add", "change", "delete", "view"]

    def get_base_queryset(self):
        return reports_for_user(self.request.user).select_related("organisation__site")

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="报告",
                accessor="title",
                get_url=lambda r: reverse(f"{NAMESPACE}:inspect", args=[r.pk]),
            ),
            Column("site", label="网站", accessor=lambda r: r.organisation.site),
            Column("status", label="状态", accessor="get_status_display"),
            Column("deadline", label="发布期限", accessor=_deadline),
            Column("generated_at", label="统计时间", accessor="generated_at"),
        ]


class RefreshAfterSaveMixin:
    """A saved draft is recounted at once, so the preview shows current table 二/三 figures."""

    def save_instance(self):
        report = super().save_instance()
        if not report.is_published:
            compute(report)
            report.save(update_fields=["table_two_data", "table_three_data", "generated_at"])
        for message in check(report):
            messages.warning(self.request, message)
        return report

    def get_success_url(self):
        return reverse(f"{NAMESPACE}:inspect", args=[self.object.pk])


class ReportCreateView(RefreshAfterSaveMixin, generic.CreateView):
    pass


class ReportEditView(ScopedObjectMixin, RefreshAfterSaveMixin, generic.EditView):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        report = get_object_or_404(reports_for_user(request.user), pk=kwargs["pk"])
        if report.is_published:
            messages.error(request, "报告已发布，数据已固定；如需修改，请先撤回为草稿。")
            return redirect(f"{NAMESPACE}:inspect", report.pk)
        return super().dispatch(request, *args, **kwargs)


class ReportDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ReportHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ReportUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ReportInspectView(ScopedObjectMixin, generic.InspectView):
    template_name = "reports/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(
            report=report,
            check_errors=check(report),
            xlsx_url=reverse(f"{NAMESPACE}:xlsx", args=[report.pk]),
            publish_url=reverse(f"{NAMESPACE}:publish", args=[report.pk]),
            unpublish_url=reverse(f"{NAMESPACE}:unpublish", args=[report.pk]),
            page=getattr(report, "page", None),
        )
        return context

    @property
    def header_buttons(self):
        buttons = []
        if not self.object.is_published:
            buttons.append(HeaderButton("填报", url=self.get_edit_url(), icon_name="edit"))
        buttons.append(
            HeaderButton(
                "下载XLSX",
                url=reverse(f"{NAMESPACE}:xlsx", args=[self.object.pk]),
                icon_name="download",
            )
        )
        return buttons


def _report_for(request: HttpRequest, pk: int) -> AnnualReport:
    # Another site's report is as absent as a missing one (no hint that it exists).
    return get_object_or_404(
        reports_for_user(request.user).select_related("organisation__site"), pk=pk
    )


def xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    return xlsx_response(_report_for(request, pk))


def publication_views(
    report_for: Callable[[HttpRequest, int], Any],
    publish: Callable[..., Any],
    unpublish: Callable[..., Any],
    namespace: str,
    column_label: str,
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The 发布 and 撤回 buttons of a report's admin (年度报告, 网站年度报表): POST only, every
    refusal shown to the staff member in Chinese, back to the report's page."""

    @require_POST
    def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
        report = report_for(request, pk)
        try:
            page = publish(report, user=request.user)
        except ReportError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已发布到“{column_label}”栏目：{page.title}")
        return redirect(f"{namespace}:inspect", report.pk)

    @require_POST
    def unpublish_view(request: HttpRequest, pk: int) -> HttpResponse:
        report = report_for(request, pk)
        try:
            unpublish(report, user=request.user)
        except ReportError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "已撤回为草稿，页面已从网站撤下。")
        return redirect(f"{namespace}:inspect", report.pk)

    return publish_view, unpublish_view


publish_view, unpublish_view = publication_views(
    _report_for, publish, unpublish, NAMESPACE, "公开年报"
)


def _table_four_panels() -> list[MultiFieldPanel]:
    return [
        MultiFieldPanel(
            [FieldPanel(f"{proceeding}_{result}") for result, _ in RESULTS],
            heading=f"表四 {label}（总计应等于前四项之和）",
        )
        for proceeding, label in PROCEEDINGS
    ]


class AnnualReportViewSet(ModelViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "年度报告"
    menu_order = 170
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    permission_policy = report_permission_policy
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    inspect_view_class = ReportInspectView
    delete_view_class = ReportDeleteView
    history_view_class = ReportHistoryView
    usage_view_class = ReportUsageView
    list_filter = ["status", "year"]
    search_fields = ["organisation__name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("organisation"), FieldPanel("year")], heading="报告机关与年度"
            ),
            FieldPanel("overview"),
            MultiFieldPanel(
                [
                    FieldPanel("licensing_decisions"),
                    FieldPanel("penalty_decisions"),
                    FieldPanel("enforcement_decisions"),
                    FieldPanel("fees_amount"),
                ],
                heading="表二 主动公开政府信息情况（规章、规范性文件由系统统计）",
            ),
            *_table_four_panels(),
            FieldPanel("problems"),
            FieldPanel("other_matters"),
        ],
        base_form_class=AnnualReportForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("xlsx/<int:pk>/", xlsx_view, name="xlsx"),
            path("publish/<int:pk>/", publish_view, name="publish"),
            path("unpublish/<int:pk>/", unpublish_view, name="unpublish"),
        ]
