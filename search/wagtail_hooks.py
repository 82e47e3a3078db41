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
