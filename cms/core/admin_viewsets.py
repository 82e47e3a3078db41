"""The shape every Jiyue work-list screen in the admin shares (留言办理, 依申请公开, 推送记录): a
menu item that decides for itself who sees it (the site-scoping policy), and a filterable index
with its results-only URL for Wagtail's live filtering. Each screen adds its own detail URLs."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet


class WorkListViewSet(ViewSet):
    menu_item_class: type[MenuItem] = MenuItem
    index_view_class: Any = None

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return self.menu_item_class(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )

    def index_urlpatterns(self, **url_names: str) -> list[URLPattern]:
        """ "" and "results/" for `index_view_class`; `url_names` adds e.g. add_url_name."""
        kwargs = {
            "index_url_name": f"{self.name}:index",
            "index_results_url_name": f"{self.name}:index_results",
            **url_names,
        }
        view = self.index_view_class
        return [
            path("", view.as_view(**kwargs), name="index"),
            path("results/", view.as_view(results_only=True, **kwargs), name="index_results"),
        ]
