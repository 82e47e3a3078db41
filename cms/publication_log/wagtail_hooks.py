"""Registers the 发布记录 admin screens and their menu item (no edit or delete views exist)."""

from django.urls import include, path, reverse
from wagtail import hooks

from cms.publication_log.admin_views import NAMESPACE, LogMenuItem, urlpatterns


@hooks.register("register_admin_urls")
def register_publication_log_urls():
    return [path("publication-log/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


@hooks.register("register_admin_menu_item")
def register_publication_log_menu_item() -> LogMenuItem:
    return LogMenuItem(
        "发布记录",
        reverse(f"{NAMESPACE}:index"),
        name="publication-log",
        icon_name="history",
        order=260,
    )
