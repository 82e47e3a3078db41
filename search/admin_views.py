"""Editors' search tools in the Wagtail admin: synonyms, best bets (推荐结果) and the search
report (热词 and queries that found nothing).

Who sees what: synonyms apply to the whole cluster, so only platform administrators (superusers)
edit them. A site's moderators manage the best bets of their own site (cluster-wide best bets are
for superusers), the way they publish its pages. A site's editors and moderators read the search
report of their own sites."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.core.admin_scoping import ScopedModelViewSet
from search.models import BestBet, QueryLog, Synonym
from sites.models import SiteProfile
from sites.permissions import sites_for_user

REPORT_DAYS = 30
REPORT_ROWS = 50


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    form_fields = ["terms", "enabled"]
    list_display = ["__str__", "enabled", "updated_at"]
    add_to_admin_menu = False


def _site_ids(user, *, moderated_only: bool) -> QuerySet:
    return sites_for_user(user, moderated_only=moderated_only).values("site_id")


class SiteStaffPolicy(BasePermissionPolicy):
    """Rows carrying a Wagtail `site_id`: superusers do everything; staff of a site (moderators
    only, unless `editors_read`) see its rows, and change them unless `read_only`."""

    editors_read = False
    read_only = False

    def _allowed(self, user, actions) -> bool:
        return not self.read_only or set(actions) <= {"view"}

    def _sites(self, user, actions) -> QuerySet:
        read = set(actions) <= {"view"}
        return _site_ids(user, moderated_only=not (self.editors_read and read))

    def user_has_permission(self, user, action: str) -> bool:
        if user.is_active and user.is_superuser:
            return True
        return self._allowed(user, {action}) and self._sites(user, {action}).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if user.is_active and user.is_superuser:
            return True
        if not self._allowed(user, {action}) or instance.site_id is None:
            return False
        return self._sites(user, {action}).filter(site_id=instance.site_id).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        objects = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return objects
        if not self._allowed(user, actions):
            return objects.none()
        return objects.filter(site_id__in=self._sites(user, actions))

    def users_with_any_permission(self, actions):
        groups = SiteProfile.objects.values("moderators_group")
        if self.editors_read and set(actions) <= {"view"}:
            groups = groups.union(SiteProfile.objects.values("editors_group"))
        users = get_user_model().objects.filter(is_active=True)
        return (users.filter(is_superuser=True) | users.filter(groups__in=groups)).distinct()


class QueryLogPolicy(SiteStaffPolicy):
    editors_read = True
    read_only = True


best_bet_policy = SiteStaffPolicy(BestBet)
query_log_policy = QueryLogPolicy(QueryLog)


class BestBetForm(WagtailAdminModelForm):
    """A site's moderators pin results on their own site only; leaving the site empty (the
    whole cluster) is for platform administrators."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "site" in self.fields:
            field = self.fields["site"]
            field.queryset = Site.objects.filter(pk__in=_site_ids(user, moderated_only=True))
            field.required = True
            field.help_text = "只能为本网站设置推荐结果；全站群推荐结果由平台管理员设置。"


class BestBetIndexView(generic.IndexView):
    def get_base_queryset(self):
        return best_bet_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        ).select_related("page", "site")


class BestBetViewSet(ScopedModelViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    permission_policy = best_bet_policy
    index_view_class = BestBetIndexView
    list_display = ["query", "page", "site", "valid_from", "valid_until"]
    list_filter = ["site"]
    search_fields = ["query"]
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "query",
                "page",
                "site",
                "description",
                "valid_from",
                "valid_until",
                "sort_order",
            )
        ],
        base_form_class=BestBetForm,
    )


class SearchReportView(ReportView):
    """Hot queries (热词) and zero-result queries of the last REPORT_DAYS days."""

    page_title = "搜索统计"
    header_icon = "search"
    template_name = "search/admin/report.html"
    results_template_name = "search/admin/report_results.html"
    paginate_by = None
    any_permission_required = ["view", "change", "delete"]

    def get_queryset(self) -> Any:
        since = timezone.now() - dt.timedelta(days=REPORT_DAYS)
        visible = query_log_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        )
        return (
            visible.filter(created_at__gte=since)
            .values("query")
            .annotate(searches=Count("id"), results=Max("results"), last=Max("created_at"))
            .order_by("-searches")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = list(self.get_queryset())
        context["hot_queries"] = rows[:REPORT_ROWS]
        context["zero_results"] = [row for row in rows if row["results"] == 0][:REPORT_ROWS]
        context["days"] = REPORT_DAYS
        return context


class QueryLogViewSet(ModelViewSet):
    model = QueryLog
    icon = "search"
    menu_label = "搜索统计"
    permission_policy = query_log_policy
    add_view_enabled = False
    index_view_class = SearchReportView
    list_display = ["query", "results", "created_at"]
    form_fields = ["query"]
    inspect_view_enabled = False


class SearchToolsGroup(ViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    items = (SynonymViewSet, BestBetViewSet, QueryLogViewSet)


__all__ = ["SearchToolsGroup"]
