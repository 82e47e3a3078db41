"""Admin screens of the 政府网站工作年度报表 (年度报表 menu): the list with deadlines, the form for
the figures staff enter (scoped: a site's staff see and edit only their sites' reports; another
site's report is a 404), a preview in the national layout with publish/withdraw buttons."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from cms.core.admin_scoping import ScopedEditView, ScopedInspectView, ScopedModelViewSet
from cms.reports.admin_views import ReportPermissionPolicy, publication_views
from cms.reports.generation import ReportError, check_year
from cms.reports.site_figures import compute
from cms.reports.site_generation import publish, readiness_errors, unpublish
from cms.reports.site_layout import MANUAL_FIELDS, SECTIONS
from cms.reports.site_models import SiteAnnualReport
from sites.scope import sites_for_user

NAMESPACE = "site_reports"


def site_reports_for_user(user) -> QuerySet[SiteAnnualReport]:
    return SiteAnnualReport.objects.filter(site__in=sites_for_user(user).values("pk"))


class SiteReportPolicy(ReportPermissionPolicy):
    """As for the 年度报告: site staff do everything to their sites' reports except delete a
    published one; the rows are scoped by site instead of by organisation."""

    def user_has_permission(self, user, action: str) -> bool:
        return sites_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action == "delete" and instance.is_published:
            return False
        return site_reports_for_user(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return site_reports_for_user(user)


site_report_policy = SiteReportPolicy(SiteAnnualReport)


class SiteReportForm(WagtailAdminModelForm):
    class Meta:
        model = SiteAnnualReport
        fields = ["site", "year", *MANUAL_FIELDS]
        widgets = {"filing_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["site"].disabled = True
            self.fields["year"].disabled = True
        elif self.for_user is not None:
            self.fields["site"].queryset = sites_for_user(self.for_user)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not self.instance.pk:
            try:
                check_year(year)
            except ReportError as error:
                raise forms.ValidationError(error.messages) from error
        return year

    def clean(self):
        cleaned = super().clean()
        site, year = cleaned.get("site"), cleaned.get("year")
        exists = SiteAnnualReport.objects.filter(site=site, year=year).exists
        if not self.instance.pk and site and year and exists():
            self.add_error("year", f"“{site}”{year}年度报表已存在，请在列表中打开填报。")
        return cleaned


def _deadline(report: SiteAnnualReport) -> str:
    text = f"{report.deadline:%Y-%m-%d}"
    return f"{text}（已逾期）" if report.is_overdue(timezone.localdate()) else text


class SiteReportIndexView(generic.IndexView):
    any_permission_required = ["add", "change", "delete", "view"]

    def get_base_queryset(self):
        return site_reports_for_user(self.request.user).select_related("site")

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="报表",
                accessor="title",
                get_url=lambda r: reverse(f"{NAMESPACE}:inspect", args=[r.pk]),
            ),
            Column("status", label="状态", accessor="get_status_display"),
            Column("deadline", label="发布期限", accessor=_deadline),
            Column("generated_at", label="统计时间", accessor="generated_at"),
        ]


class RecountMixin:
    """Every saved draft is recounted, so the preview shows current figures."""

    def save_instance(self):
        report = super().save_instance()
        if not report.is_published:
            compute(report)
            report.save(update_fields=["computed", "generated_at"])
        return report

    def get_success_url(self):
        return reverse(f"{NAMESPACE}:inspect", args=[self.object.pk])


class SiteReportCreateView(RecountMixin, generic.CreateView):
    pass


class SiteReportEditView(RecountMixin, ScopedEditView):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        report = get_object_or_404(site_reports_for_user(request.user), pk=kwargs["pk"])
        if report.is_published:
            messages.error(request, "报表已发布，数据已固定；如需修改，请先撤回为草稿。")
            return redirect(f"{NAMESPACE}:inspect", report.pk)
        return super().dispatch(request, *args, **kwargs)


class SiteReportInspectView(ScopedInspectView):
    template_name = "reports/admin/site_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(
            report=report,
            errors=readiness_errors(report),
            overdue=report.is_overdue(timezone.localdate()),
            publish_url=reverse(f"{NAMESPACE}:publish", args=[report.pk]),
            unpublish_url=reverse(f"{NAMESPACE}:unpublish", args=[report.pk]),
            page=getattr(report, "page", None),
        )
        return context


def _report_for(request: HttpRequest, pk: int) -> SiteAnnualReport:
    return get_object_or_404(site_reports_for_user(request.user).select_related("site"), pk=pk)


publish_view, unpublish_view = publication_views(
    _report_for, publish, unpublish, NAMESPACE, "政务公开"
)


def _panels() -> list:
    panels: list = [MultiFieldPanel([FieldPanel("site"), FieldPanel("year")], heading="网站与年度")]
    for heading, rows in SECTIONS:
        names = [source[2:] for _label, source in rows if source.startswith("f:")]
        if names:
            panels.append(MultiFieldPanel([FieldPanel(n) for n in names], heading=heading))
    return panels


class SiteReportViewSet(ScopedModelViewSet):
    model = SiteAnnualReport
    icon = "table"
    menu_label = "网站年度报表"
    menu_order = 171
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_policy = site_report_policy
    index_view_class = SiteReportIndexView
    add_view_class = SiteReportCreateView
    edit_view_class = SiteReportEditView
    inspect_view_class = SiteReportInspectView
    list_filter = ["status", "year"]
    edit_handler = ObjectList(_panels(), base_form_class=SiteReportForm)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", publish_view, name="publish"),
            path("unpublish/<int:pk>/", unpublish_view, name="unpublish"),
        ]
