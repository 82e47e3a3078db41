"""Admin hooks of cms.adminui: the editor's guide and the 帮助 menu, the dashboard per role and
its Chinese counts, and the page explorer's listing (cms/adminui/explorer.py)."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.adminui import dashboard, explorer, views


@hooks.register("register_admin_urls")
def guide_urls():
    return [path("guide/", views.guide, name="adminui_guide")]


@hooks.register("construct_help_menu")
def own_help_menu(request, menu_items: list) -> None:
    """帮助 opens our Chinese editor's guide; Wagtail's English guide and "what's new" links to
    wagtail.org go (the keyboard shortcuts stay)."""
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith(("editor-guide", "whats-new"))
    ]
    menu_items.insert(
        0, MenuItem("编辑指南", reverse("adminui_guide"), name="jiyue-guide", icon_name="help")
    )


# After the other apps' hooks (Wagtail's images and documents add their counts in theirs).
@hooks.register("construct_homepage_summary_items", order=100)
def chinese_summary_items(request, summary_items: list) -> None:
    dashboard.construct_summary_items(request, summary_items)


@hooks.register("construct_homepage_panels", order=100)
def role_panels(request, panels: list) -> None:
    dashboard.construct_panels(request, panels)


@hooks.register("register_admin_viewset")
def register_explorer_viewset():
    return explorer.explorer_viewset()
