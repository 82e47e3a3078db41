"""Editors' search tools in the Wagtail admin: synonyms, best bets (推荐结果) and the search
report (热词 and queries that found nothing).

Who sees what: synonyms apply to the whole cluster, so only platform administrators (superusers)
edit them. A site's moderators manage the best bets of their own site (cluster-wide best bets are
for superusers), the way they publish its pages. A site's editors and moderators read the search
report of their own sites."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page, Site

from cms.core.admin_scoping import ScopedModelViewSet
from cms.pages.queries import publicly_visible
from search import hot_terms
from search.models import BestBet, HiddenTerm, QueryLog, Synonym
from search.text import clean_input, normalise
from sites.scope import READ_ACTIONS, SiteScopedPolicy, moderated_sites, pages_for_user

REPORT_DAYS = hot_terms.HOT_DAYS
REPORT_ROWS = 50


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    form_fields = ["terms", "enabled"]
    list_display = ["__str__", "enabled", "updated_at"]
    add_to_admin_menu = False


class SiteStaffPolicy(SiteScopedPolicy):
    """Rows carrying a Wagtail `site_id`: superusers do everything; a site's moderators manage
    its rows (sites.scope); rows of the whole cluster (no site) are for superusers."""

    site_key = "site_id"
    editor_actions = frozenset()


class QueryLogPolicy(SiteStaffPolicy):
    """Read-only, for the site's editors too."""

    site_path = "site_id"
    actions = READ_ACTIONS
    editor_actions = READ_ACTIONS


best_bet_policy = SiteStaffPolicy(BestBet)
query_log_policy = QueryLogPolicy(QueryLog)


class BestBetForm(WagtailAdminModelForm):
    """A site's moderators pin results on their own site only; leaving the site empty (the
    whole cluster) is for platform administrators. The page must be publicly viewable and, for
    a site's best bet, one of that site's pages: its title shows in public search."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "site" in self.fields:
            field = self.fields["site"]
            field.queryset = Site.objects.filter(pk__in=moderated_sites(user).values("site_id"))
            field.required = True
            field.help_text = "只能为本网站设置推荐结果；全站群推荐结果由平台管理员设置。"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        page, site = cleaned.get("page"), cleaned.get("site")
        if page is None:
            return cleaned
        pages = publicly_visible(Page.objects.filter(pk=page.pk))
        if site is not None:
            pages = pages.filter(path__startswith=site.root_page.path)
        if self.for_user is not None:
            pages = pages_for_user(self.for_user, pages) if site is None else pages
        if not pages.exists():
            self.add_error("page", "只能推荐本网站公开可见的页面（已发布、未设访问限制、未撤稿）。")
        return cleaned


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
    """Hot queries (热词: distinct clients a day, search.hot_terms) and zero-result queries of
    the last REPORT_DAYS days; platform administrators hide terms from public lists here."""

    page_title = "搜索统计"
    header_icon = "search"
    template_name = "search/admin/report.html"
    results_template_name = "search/admin/report_results.html"
    paginate_by = None
    any_permission_required = ["view", "change", "delete"]

    def get_queryset(self) -> Any:
        visible = query_log_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        )
        return hot_terms.counted(visible)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        visible = query_log_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        )
        rows = hot_terms.report_rows(visible)
        context["hot_queries"] = rows[:REPORT_ROWS]
        context["zero_results"] = [row for row in rows if row["results"] == 0][:REPORT_ROWS]
        context["days"] = REPORT_DAYS
        context["can_hide"] = self.request.user.is_superuser
        return context


HIDE_TERM_ACTION = "jiyue.hot_term.hide"
SHOW_TERM_ACTION = "jiyue.hot_term.show"


@require_POST
def hide_term(request: HttpRequest) -> HttpResponse:
    """Hide a term from every public 热词 list, or show it again (`action=show`). Platform
    administrators only: the lists are the cluster's."""
    if not request.user.is_superuser:
        raise PermissionDenied
    term = normalise(clean_input(request.POST.get("term", "")).strip())[:100]
    if not term:
        messages.error(request, "请指定要隐藏的搜索词。")
    elif request.POST.get("action") == "show":
        for hidden in HiddenTerm.objects.filter(term=term):
            log(instance=hidden, action=SHOW_TERM_ACTION, user=request.user)
            hidden.delete()
        messages.success(request, f"已恢复在热词中显示“{term}”。")
    else:
        hidden, _ = HiddenTerm.objects.get_or_create(
            term=term, defaults={"hidden_by": request.user}
        )
        log(instance=hidden, action=HIDE_TERM_ACTION, user=request.user)  # 等保 audit record
        messages.success(request, f"已在热词中隐藏“{term}”，公开页面不再显示。")
    return redirect("querylog:index")


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


__all__ = ["SearchToolsGroup", "hide_term"]
