"""Admin menu 政务新媒体 › 推送记录: the outbox of the user's sites with filters (site, account,
state, action), each entry's record and its actions (审核通过, 重试, 已人工删除); and each page's
"where it went" view (website, feeds, every account with its remote link), reached from the
page's header and listing menus."""

from __future__ import annotations

import django_filters
from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.core.admin_viewsets import WorkListViewSet
from cms.newmedia import outbox
from cms.newmedia.models import Account, Action, OutboxEntry, State
from cms.newmedia.permissions import account_policy, outbox_policy, sites_for

NAMESPACE = "newmedia_outbox"


def entry_url(entry: OutboxEntry) -> str:
    return reverse(f"{NAMESPACE}:entry", args=[entry.pk])


def _sites(request):
    return sites_for(request.user, {"view"}) if request else Account.objects.none()


def _accounts(request):
    if request is None:
        return Account.objects.none()
    return account_policy().instances_user_has_any_permission_for(request.user, {"view"})


class OutboxFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(
        label="网站", field_name="account__site", queryset=_sites
    )
    account = django_filters.ModelChoiceFilter(label="账号", queryset=_accounts)
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices)
    action = django_filters.ChoiceFilter(label="操作", choices=Action.choices)

    class Meta:
        model = OutboxEntry
        fields = ["site", "account", "state", "action"]


class OutboxIndexView(generic.IndexView):
    model = OutboxEntry
    any_permission_required = ["view"]
    filterset_class = OutboxFilterSet
    search_fields = ["title"]
    page_title = "推送记录"
    header_icon = "globe"
    paginate_by = 50

    @property
    def permission_policy(self):
        return outbox_policy()

    @property
    def columns(self):
        return [
            TitleColumn("title", label="标题", get_url=entry_url),
            Column("account", label="账号"),
            Column("action", label="操作", accessor="get_action_display"),
            Column("state", label="状态", accessor="get_state_display"),
            Column("attempts", label="尝试次数"),
            Column("next_attempt_at", label="下次尝试", accessor=_next_attempt),
            Column("last_error", label="最近错误"),
            Column("created_at", label="创建时间"),
        ]

    def get_base_queryset(self):
        return (
            outbox_policy()
            .instances_user_has_any_permission_for(self.request.user, {"view"})
            .select_related("account")
        )


def _next_attempt(entry: OutboxEntry):
    return entry.next_attempt_at if entry.state == State.PENDING else ""


def _may_change(user, entry: OutboxEntry) -> bool:
    return outbox_policy().user_has_permission_for_instance(user, "change", entry)


class EntryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newmedia/admin/entry.html"
    header_icon = "globe"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        visible = outbox_policy().instances_user_has_any_permission_for(request.user, {"view"})
        self.entry = get_object_or_404(
            visible.select_related("account__site", "original", "approved_by"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"推送记录：{self.entry.title}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "推送记录"},
            {"url": "", "label": self.entry.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        may_change = _may_change(self.request.user, entry)
        context.update(
            entry=entry,
            can_approve=may_change and entry.state == State.AWAITING_APPROVAL,
            can_retry=may_change and entry.state == State.FAILED,
            can_mark_removed=may_change and entry.state == State.MANUAL,
            retractions=entry.retractions.all(),
        )
        return context


ENTRY_ACTIONS = {
    "approve": (lambda entries, user: outbox.approve(entries, user), "已审核通过，将尽快推送。"),
    "retry": (lambda entries, user: outbox.retry(entries), "已重新加入推送队列。"),
    "removed": (lambda entries, user: outbox.mark_removed(entries, user), "已记录为人工删除完成。"),
}


@require_POST
def entry_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ENTRY_ACTIONS:
        raise Http404
    entry = get_object_or_404(
        outbox_policy().instances_user_has_any_permission_for(request.user, {"change"}), pk=pk
    )
    run, message = ENTRY_ACTIONS[action]
    if run([entry], request.user):
        flash.success(request, message)
    else:
        flash.error(request, "该记录的状态已变化，不能执行此操作。")
    return redirect(entry_url(entry))


class PageDistributionView(WagtailAdminTemplateMixin, TemplateView):
    """Where one page went: its website URL, the feeds that carry it, every account delivery."""

    template_name = "newmedia/admin/page.html"
    header_icon = "globe"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404
        self.page_obj = page
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"推送去向：{self.page_obj.title}"

    def get_context_data(self, **kwargs):
        from cms.newmedia.distribution import feed_links
        from cms.pages.queries import is_publicly_listable

        context = super().get_context_data(**kwargs)
        page = self.page_obj
        entries = (
            OutboxEntry.objects.filter(content_id=str(page.translation_key))
            .select_related("account")
            .order_by("account__name", "-created_at")
        )
        context.update(
            page=page,
            listable=is_publicly_listable(page),
            page_url=page.get_full_url(),
            feeds=feed_links(page),
            entries=entries,
        )
        return context


class OutboxMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return sites_for(request.user, {"view"}).exists()


class OutboxViewSet(WorkListViewSet):
    name = NAMESPACE
    icon = "globe"
    menu_label = "推送记录"
    url_prefix = "newmedia/outbox"

    menu_item_class = OutboxMenuItem
    index_view_class = OutboxIndexView

    def get_urlpatterns(self):
        return [
            *self.index_urlpatterns(),
            path("<int:pk>/", EntryView.as_view(), name="entry"),
            path("<int:pk>/<slug:action>/", entry_action, name="action"),
            path("page/<int:page_id>/", PageDistributionView.as_view(), name="page"),
        ]
