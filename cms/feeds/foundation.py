"""The one seam between feeds and the pages foundation of issue 9 (CONTRACT-9.md): the content id
of a page and its update dates. Everything in cms/feeds reads them through here, so the stand-in
below is swapped in one place when `cms.pages.updates` lands."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from wagtail.models import Page


def content_id(page: Page) -> str:
    """Stable across moves and renames: Wagtail's translation key (CONTRACT-9.md, Content id)."""
    return str(page.translation_key)


def with_update_dates(queryset: QuerySet) -> QuerySet:
    """`queryset` annotated with `major_updated_at` (更新时间). Stand-in until PageUpdateSummary:
    the last publication date."""
    return queryset.annotate(
        major_updated_at=Coalesce(F("last_published_at"), F("first_published_at"))
    )


def change_marker_field() -> str:
    """A field that grows with every publish of a page (the validator's "max PageUpdate id")."""
    return "live_revision_id"
