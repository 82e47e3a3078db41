"""Registers the search tools in the Wagtail admin menu (站内搜索)."""

from wagtail import hooks

from search.admin_views import SearchToolsGroup


@hooks.register("register_admin_viewset")
def register_search_tools() -> SearchToolsGroup:
    return SearchToolsGroup()
