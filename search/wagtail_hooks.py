"""Registers the search tools in the Wagtail admin menu (站内搜索) and their site scoping."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from search.admin_views import SearchToolsGroup, best_bet_policy, hide_term, query_log_policy
from search.models import BestBet, QueryLog

register_permission_policy(BestBet, best_bet_policy)
register_permission_policy(QueryLog, query_log_policy)


@hooks.register("register_admin_viewset")
def register_search_tools() -> SearchToolsGroup:
    return SearchToolsGroup()


@hooks.register("register_admin_urls")
def register_hot_term_urls() -> list:
    return [path("search/hot-terms/hide/", hide_term, name="search_hide_term")]


@hooks.register("register_log_actions")
def hot_term_log_actions(actions) -> None:
    from search.admin_views import HIDE_TERM_ACTION, SHOW_TERM_ACTION

    actions.register_action(HIDE_TERM_ACTION, "隐藏热词", "已在热词中隐藏")
    actions.register_action(SHOW_TERM_ACTION, "恢复显示热词", "已恢复在热词中显示")
