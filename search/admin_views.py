"""Editors' search tools in the Wagtail admin: synonyms, best bets (推荐结果) and the search
report (热词 and queries that found nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from search.models import BestBet, QueryLog, Synonym

REPORT_DAYS = 30
REPORT_ROWS = 50


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    form_fields = ["terms", "enabled"]
    list_display = ["__str__", "enabled", "updated_at"]
    add_to_admin_menu = False


class BestBetViewSet(ModelViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    form_fields = [
        "query",
        "page",
        "site",
        "description",
        "valid_from",
        "valid_until",
        "sort_order",
    ]
    list_display = ["query", "page", "site", "valid_from", "valid_until"]
    list_filter = ["site"]
    search_fields = ["query"]


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
        return (
            QueryLog.objects.filter(created_at__gte=since)
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
    index_view_class = SearchReportView
    list_display = ["query", "results", "created_at"]
    form_fields = ["query"]
    inspect_view_enabled = False


class SearchToolsGroup(ViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    items = (SynonymViewSet, BestBetViewSet, QueryLogViewSet)


__all__ = ["SearchToolsGroup"]
