"""What the public may see in a list, and the read queries behind column lists and aggregations.

The one "publicly listable" rule (DESIGN.md, docs/adr/0004): a page is publicly listable when it
is live, publicly viewable (no view restriction on it or an ancestor), not withdrawn (撤稿), not
excluded by its own type (a 不予公开 disclosure: its model's `unlisted_when`), and of a listable
type (`is_column_item`). Every public surface — column lists, home and portal blocks, the 公开目录,
the search index and its suggestions, best bets, and later feeds, sitemaps and the API — reads it
from here: `publicly_listable()` for lists, `publicly_visible()` for any page queryset (best bets,
related-page lists), `listable_ids()` / `is_publicly_listable()` for pages in hand. The
instance forms run the same queryset, so the rule has one definition.

Each query returns plain `Page` rows of the listable types (title, url_path, dates), so one query
serves any mix of article kinds and the count does not grow with items, columns or sites."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.apps import apps
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from cms.staticsite.recording import mark_listing, unrecorded

Q_ = TypeVar("Q_", bound=QuerySet)


def listable_page_models() -> list[type[Page]]:
    """Page models whose instances appear in column lists (they set `is_column_item`)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "is_column_item", False)
    ]


def type_exclusions() -> list[tuple[type[Page], Q]]:
    """(model, condition): pages of `model` matching `condition` are never publicly listed,
    declared by the model as `unlisted_when` (DisclosurePage: 公开方式 不予公开)."""
    return [
        (model, model.unlisted_when)
        for model in apps.get_models()
        if issubclass(model, Page) and isinstance(getattr(model, "unlisted_when", None), Q)
    ]


def publicly_visible(queryset: Q_) -> Q_:
    """`queryset` (pages of any type) narrowed to what the public may see listed or linked:
    live, no view restriction, not withdrawn, not excluded by its type."""
    queryset = without_restricted(queryset.live()).filter(withdrawal__isnull=True)
    for model, condition in type_exclusions():
        queryset = queryset.exclude(pk__in=model.objects.filter(condition).values("pk"))
    # A render that runs the query records it as a list of its scope (cms.staticsite.recording),
    # so purging and static publishing know which lists a newly listable page joins.
    return mark_listing(queryset)


def without_restricted(queryset: Q_) -> Q_:
    """Wagtail's `.public()` (no view restriction on the page or an ancestor), reading the
    restricted pages without its join of every restriction to its page, which SQLite plans as
    a scan of the whole page table (tens of milliseconds per list on a 100,000-page cluster,
    even with no restriction at all)."""
    from wagtail.models import PageViewRestriction

    restricted = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id"))
    for path, depth in restricted.values_list("path", "depth"):
        queryset = queryset.exclude(path__startswith=path, depth__gte=depth)
    return queryset


def publicly_listable(within: Page | None = None) -> QuerySet[Page]:
    """Publicly listable pages of the listable types; below `within` if given. Unordered."""
    queryset = publicly_visible(Page.objects.type(*listable_page_models()))
    if within is not None:
        queryset = path_range(queryset.descendant_of(within), within.path)
    return queryset


def path_range(queryset: Q_, prefix: str) -> Q_:
    """Add to a `path` prefix filter (treebeard's `descendant_of`, `path__startswith`, which
    stays: it is what the dependency recording reads) the same bound as a range, which SQLite
    can answer from the path index: its LIKE cannot, so without the range a list of one column
    reads every page of the listable types in the cluster, and its cost grows with the number
    of sites. Bytewise order makes the range exact on SQLite; other databases compare by
    their collation, so they keep the prefix filter alone."""
    if connection.vendor != "sqlite" or not prefix:
        return queryset
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return queryset.filter(path__gte=prefix, path__lt=upper)


def listable_ids(page_ids: Iterable[int]) -> set[int]:
    """Which of `page_ids` are publicly listable (one query, plus the view-restriction lookup)."""
    ids = list(page_ids)
    if not ids:
        return set()
    return set(publicly_listable().filter(pk__in=ids).values_list("pk", flat=True))


def is_publicly_listable(page: Page) -> bool:
    """The rule for one page in hand: the same queryset, so it can never disagree with lists.
    A page of a type that is never listed (a column, a home page) needs no query."""
    if page.pk is None or not getattr(page.specific_class, "is_column_item", False):
        return False
    return page.pk in listable_ids([page.pk])


def column_items(within: Page | None = None) -> QuerySet[Page]:
    """Publicly listable pages, newest first; below `within` if given."""
    return publicly_listable(within).order_by("-first_published_at", "-pk")


def in_columns_of_type(queryset: QuerySet[Page], column_type: str) -> QuerySet[Page]:
    """Keep pages whose parent is a column of `column_type` (one correlated subquery)."""
    from cms.pages.models import ColumnPage

    steplen = Page.steplen
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen)
    parent_is_column = ColumnPage.objects.filter(path=parent_path, column_type=column_type)
    return queryset.filter(Exists(parent_is_column))


def column_neighbours(page: Page) -> tuple[Page | None, Page | None]:
    """The items just before and just after `page` in its column's public list (the column's
    listable descendants, newest first: `column_items`): (上一篇, 下一篇). Two queries; a page
    never published has no place in the list and no neighbours."""
    if page.first_published_at is None or page.depth < 2:
        return None, None
    return neighbours_at(page.path[: -Page.steplen], page.first_published_at, page.pk)


def neighbours_at(parent_path: str, fpa, pk: int) -> tuple[Page | None, Page | None]:
    """The listable pages just before and just after the place (first published at `fpa`, id
    `pk`) in the list of `parent_path`'s descendants, whether or not page `pk` is listed there:
    its neighbours, or for a page that left, the pages it stood between. The lookup records no
    list dependency: its neighbours are recorded as pages, and a change of the page that can
    move it in or out of the list rewrites both neighbours (cms.staticsite.dependents)."""
    items = path_range(column_items().filter(path__startswith=parent_path), parent_path)
    items = unrecorded(items.exclude(pk=pk))
    items = items.only("title", "url_path", "path", "depth", "first_published_at")
    listed_before = Q(first_published_at__gt=fpa) | Q(first_published_at=fpa, pk__gt=pk)
    listed_after = Q(first_published_at__lt=fpa) | Q(first_published_at=fpa, pk__lt=pk)
    previous = items.filter(listed_before).order_by("first_published_at", "pk").first()
    following = items.filter(listed_after).first()
    return previous, following
