"""Admin screens (依申请公开 menu): the case list with deadlines and flags (overdue, late replies),
filtered to the sites the user edits or moderates; the case view with its trail and one form per
allowed next step (reassigning the answering agency among them); the intake form for requests
received on paper, in person, by fax or orally; and the site office's summary across the site's
agencies (cms.requests.summary)."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.admin_viewsets import WorkListViewSet
from cms.disclosure.models import Organisation
from cms.requests.admin_forms import ACTION_FORMS
from cms.requests.documents import store_document
from cms.requests.forms import StaffIntakeForm
from cms.requests.models import RequestCase
from cms.requests.permissions import RequestCasePermissionPolicy, cases_for_user
from cms.requests.table_three import ApplicantType
from cms.requests.workflow import Action, State, TransitionError, allowed_actions, perform
from cms.workdays.calendar import years_without_data
from sites.scope import sites_for_user

NAMESPACE = "gi_requests_admin"
FLAG_OVERDUE = "overdue"
FLAG_DUE_SOON = "due_soon"
FLAG_OPEN = "open"
FLAG_LATE = "late"


def _case_url(case: RequestCase) -> str:
    return reverse(f"{NAMESPACE}:case", args=[case.pk])


def _calendar_warning() -> str:
    today = timezone.localdate()
    # ~60 working days ahead: the longest a case can run (20 + 20 + pauses).
    missing = years_without_data(today, today + datetime.timedelta(days=90))
    if not missing:
        return ""
    years = "、".join(str(y) for y in missing)
    return f"{years}年的节假日安排尚未录入工作日历，相关期限暂按周一至周五计算，请联系平台管理员在“设置 › 工作日历”中录入。"


def _user_sites(request):
    return sites_for_user(request.user) if request else RequestCase.objects.none()


def _user_agencies(request):
    if request is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(site__in=sites_for_user(request.user).values("pk"))


class CaseFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(label="受理网站", queryset=_user_sites)
    organisation = django_filters.ModelChoiceFilter(
        label="答复机关", queryset=_user_agencies, method="filter_organisation"
    )
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices)
    applicant_type = django_filters.ChoiceFilter(label="申请人类型", choices=ApplicantType.choices)
    flag = django_filters.ChoiceFilter(
        label="提示",
        method="filter_flag",
        choices=[
            (FLAG_OVERDUE, "已超期"),
            (FLAG_DUE_SOON, "3个工作日内到期"),
            (FLAG_OPEN, "未办结"),
            (FLAG_LATE, "逾期答复"),
        ],
    )
    year = django_filters.NumberFilter(label="收到年份", field_name="received_date__year")

    class Meta:
        model = RequestCase
        fields = ["site", "organisation", "state", "applicant_type", "flag", "year"]

    def filter_organisation(self, queryset, name, value):
        return queryset.answered_by(value) if value else queryset

    def filter_flag(self, queryset, name, value):
        today = timezone.localdate()
        if value == FLAG_LATE:
            return queryset.flag_late()
        if value == FLAG_OVERDUE:
            return queryset.flag_overdue(today)
        if value == FLAG_DUE_SOON:
            return queryset.flag_due_soon(today)
        return queryset.exclude(state__in=[State.ANSWERED, State.CLOSED])


def _deadline_text(case: RequestCase) -> str:
    if case.state == State.CONSULTING:
        return f"暂停计时（征求意见至{case.wait_until:%Y-%m-%d}）"
    deadline = case.next_deadline
    return f"{deadline:%Y-%m-%d}" if deadline else ""


class CaseIndexView(generic.IndexView):
    model = RequestCase
    permission_policy = RequestCasePermissionPolicy(RequestCase)
    any_permission_required = ["view"]
    filterset_class = CaseFilterSet
    search_fields = ["tracking_code", "applicant_name"]
    page_title = "依申请公开"
    header_icon = "form"
    paginate_by = 30
    template_name = "gi_requests/admin/index.html"

    @property
    def columns(self):
        today = timezone.localdate()
        return [
            TitleColumn("tracking_code", label="查询码", get_url=_case_url),
            Column("site", label="受理网站"),
            Column("organisation", label="答复机关", accessor=_agency_name),
            Column("applicant_name", label="申请人"),
            Column("masked_id_number", label="证件号码/信用代码"),
            Column("masked_phone", label="联系电话"),
            Column("state", label="状态", accessor="get_state_display"),
            Column("received_date", label="收到日期"),
            Column("deadline", label="期限", accessor=_deadline_text),
            Column("flags", label="提示", accessor=lambda c: "、".join(c.flags(today))),
        ]

    def get_base_queryset(self):
        return cases_for_user(self.request.user).select_related("site", "organisation")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["calendar_warning"] = _calendar_warning()
        context["summary_url"] = reverse(f"{NAMESPACE}:summary")
        return context


def _agency_name(case: RequestCase) -> str:
    # Cases filed before a site had agencies carry none; they fall to the site's default one.
    if case.organisation_id:
        return case.organisation.name
    return "（本网站默认机关）"


class CaseView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "gi_requests/admin/case.html"
    header_icon = "form"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Another site's case is simply not there for this user: 404, not a hint that it exists.
        self.case = get_object_or_404(
            cases_for_user(request.user).select_related("site", "organisation"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"申请 {self.case.tracking_code}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "依申请公开"},
            {"url": "", "label": self.case.tracking_code},
        ]

    def action_forms(
        self, bound: tuple[str, object] | None = None
    ) -> list[tuple[str, str, object]]:
        result = []
        for action in allowed_actions(self.case.state):
            if bound and bound[0] == action:
                form = bound[1]
            else:
                form = ACTION_FORMS[action](prefix=action, case=self.case)
            result.append((action, Action(action).label, form))
        return result

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        context.update(
            case=case,
            events=case.events.select_related("actor").prefetch_related("documents__document"),
            agency=case.answering_organisation,
            documents=case.documents.select_related("document", "event"),
            flags=case.flags(timezone.localdate()),
            deadline=_deadline_text(case),
            action_forms=self.action_forms(kwargs.get("bound")),
            calendar_warning=_calendar_warning(),
            can_moderate=case.site.is_administered_by(self.request.user),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action", "")
        form_class = ACTION_FORMS.get(action)
        if form_class is None or action not in allowed_actions(self.case.state):
            label = Action(action).label if action in Action.values else action
            messages.error(
                request, f"申请当前状态为“{self.case.get_state_display()}”，不能执行“{label}”。"
            )
            return redirect(_case_url(self.case))
        form = form_class(request.POST, request.FILES, prefix=action, case=self.case)
        if form.is_valid():
            try:
                with transaction.atomic():
                    documents = []
                    upload = form.cleaned_data.get("document")
                    if upload:
                        title = f"{self.case.tracking_code} {form.fields['document'].label}"
                        documents.append(
                            (
                                form.document_kind,
                                store_document(self.case.site, upload, title, request.user),
                            )
                        )
                    perform(
                        self.case,
                        action,
                        user=request.user,
                        on=form.cleaned_data["on"],
                        note=form.cleaned_data.get("note", ""),
                        documents=documents,
                        **form.params(),
                    )
            except TransitionError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"已办理：{Action(action).label}。")
                return redirect(_case_url(self.case))
        messages.error(request, "未能办理，请按提示修改。")
        return self.render_to_response(self.get_context_data(bound=(action, form)))


class CaseCreateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "gi_requests/admin/create.html"
    page_title = "登记申请"
    header_icon = "form"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from django.core.exceptions import PermissionDenied

        if not sites_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "依申请公开"},
            {"url": "", "label": "登记申请"},
        ]

    def make_form(self, data=None) -> StaffIntakeForm:
        form = StaffIntakeForm(data)
        form.fields["site"] = forms.ModelChoiceField(
            label="受理网站",
            queryset=sites_for_user(self.request.user),
            error_messages={
                "required": "请选择受理网站。",
                "invalid_choice": "请选择您所管理的网站。",
            },
        )
        form.fields["organisation"] = forms.ModelChoiceField(
            label="答复机关",
            queryset=_user_agencies(self.request),
            required=False,
            empty_label="受理网站的默认机关",
            help_text="应当答复本申请的行政机关（条例第四条），须为受理网站上的机关。",
            error_messages={"invalid_choice": "请选择您所管理网站上的机关。"},
        )
        form.order_fields(["site", "organisation"])
        return form

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = self.make_form(request.POST)
        if form.is_valid():
            agency, site = form.cleaned_data.get("organisation"), form.cleaned_data["site"]
            if agency is not None and agency.site_id != site.pk:
                form.add_error(
                    "organisation", f"“{agency}”不在“{site}”网站上，请选择受理网站上的机关。"
                )
        if form.is_valid():
            case = form.save(commit=False)
            case.site = form.cleaned_data["site"]
            case.organisation = form.cleaned_data.get("organisation")
            case.channel = form.cleaned_data["channel"]
            try:
                perform(
                    case, Action.REGISTER, user=request.user, on=form.cleaned_data["received_date"]
                )
            except TransitionError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"已登记申请，查询码 {case.tracking_code}。")
                return redirect(_case_url(case))
        return self.render_to_response(self.get_context_data(form=form))


class SummaryView(WagtailAdminTemplateMixin, TemplateView):
    """The site office's view across the agencies of each of its sites (条例 第四条 per agency,
    one office per site): table 三 totals, late replies, open and overdue cases, fees."""

    template_name = "gi_requests/admin/summary.html"
    page_title = "依申请公开统计"
    header_icon = "form"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from django.core.exceptions import PermissionDenied

        if not sites_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "依申请公开"},
            {"url": "", "label": "统计"},
        ]

    def get_context_data(self, **kwargs):
        from cms.requests.summary import site_summaries

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 2008 <= int(raw) <= today.year else today.year
        context.update(
            year=year,
            years=list(range(today.year, today.year - 6, -1)),
            summaries=site_summaries(sites_for_user(self.request.user), year, today),
            index_url=reverse(f"{NAMESPACE}:index"),
        )
        return context


class CasesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return sites_for_user(request.user).exists()


class RequestCaseViewSet(WorkListViewSet):
    icon = "form"
    menu_label = "依申请公开"
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "yisqgk"

    menu_item_class = CasesMenuItem
    index_view_class = CaseIndexView

    def get_urlpatterns(self):
        return [
            *self.index_urlpatterns(add_url_name=f"{self.name}:add"),
            path("new/", CaseCreateView.as_view(), name="add"),
            path("summary/", SummaryView.as_view(), name="summary"),
            path("<int:pk>/", CaseView.as_view(), name="case"),
        ]
