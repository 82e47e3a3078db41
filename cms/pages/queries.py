"""Read queries behind column lists and aggregations. Each returns plain `Page` rows of the
listable types (title, url_path, dates), so one query serves any mix of article kinds and the
count of queries does not grow with the number of items, columns or sites."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page


def listable_page_models() -> list[type[Page]]:
    """Page models whose instances appear in column lists (they set `is_column_item`)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "is_column_item", False)
    ]


def column_items(within: Page | None = None) -> QuerySet[Page]:
    """Live, public, not withdrawn listable pages, newest first; below `within` if given."""
    queryset = (
        Page.objects.live().public().type(*listable_page_models()).filter(withdrawal__isnull=True)
    )
    if within is not None:
        queryset = queryset.descendant_of(within)
    return queryset.order_by("-first_published_at", "-pk")


def in_columns_of_type(queryset: QuerySet[Page], column_type: str) -> QuerySet[Page]:
    """Keep pages whose parent is a column of `column_type` (one correlated subquery)."""
    from cms.pages.models import ColumnPage

    steplen = Page.steplen
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen)
    parent_is_column = ColumnPage.objects.filter(path=parent_path, column_type=column_type)
    return queryset.filter(Exists(parent_is_column))
