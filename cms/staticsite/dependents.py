"""The one computation of "which public URLs must change when this page changes" (issue 14 items
1–3). Static publishing rewrites these URLs' files; the cache purge drops these URLs' entries.

A change of a page touches: the URLs that read the page (`page:<id>`), every recorded list of its
type whose scope covers it (`list:…`, before and after a move), its site's every URL when it is
not a list item (a column or home: the navigation changed), and the page's own URLs, old and new
(a new page has no recorded readers yet; a moved one leaves its old URL behind)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.models import Page

from cms.staticsite.recording import list_keys_covering, page_key, site_key

Url = tuple[int, str]  # (Wagtail site id, path on that site's host)
CHUNK = 500


@dataclass
class Targets:
    keys: set[str] = field(default_factory=set)
    urls: set[Url] = field(default_factory=set)

    def update(self, other: Targets) -> None:
        self.keys |= other.keys
        self.urls |= other.urls


def own_url(page: Page) -> Url | None:
    parts = page.get_url_parts()
    if parts is None or parts[0] is None:
        return None
    site_id, _root_url, path = parts
    return int(site_id), path or "/"


def of_change(page: Page, *, subtree: bool = False, old_parent: Page | None = None) -> Targets:
    """What a change of `page` (a specific instance, still in the database) touches. `subtree`
    adds the pages below it (a move changes all their URLs); `old_parent` adds the lists of the
    place it was moved from, and the pages it stood between there."""
    targets = Targets()
    pages: Iterable[Page] = [page]
    if subtree:
        pages = [page, *Page.objects.descendant_of(page).only("id", "path", "url_path", "depth")]
    paths = [page.path] + ([old_parent.path] if old_parent is not None else [])
    targets.keys.update(list_keys_covering(type(page), paths))
    if not getattr(page, "is_column_item", False):
        site_id = (own_url(page) or (None, ""))[0]
        if site_id is not None:
            targets.keys.add(site_key(site_id))
    for each in pages:
        targets.keys.add(page_key(each.pk))
        url = own_url(each)
        if url is not None:
            targets.urls.add(url)
    targets.urls.update(neighbour_urls(page, old_parent))
    return targets


def neighbour_urls(page: Page, old_parent: Page | None = None) -> set[Url]:
    """The URLs of the items just before and after `page` in its column's list (上一篇/下一篇):
    whatever the change (new, edited, 撤稿, unpublished, deleted, moved in or out), theirs are
    the only other articles whose links can change, so the lookup itself records no list
    (cms.pages.queries.neighbours_at). For a move, also those of the place it left."""
    from cms.pages.queries import neighbours_at

    fpa = page.first_published_at
    if fpa is None or not getattr(page, "is_column_item", False):
        return set()
    parents = [page.path[: -Page.steplen]] + ([old_parent.path] if old_parent is not None else [])
    urls: set[Url] = set()
    for parent_path in parents:
        for neighbour in neighbours_at(parent_path, fpa, page.pk):
            url = own_url(neighbour) if neighbour is not None else None
            if url is not None:
                urls.add(url)
    return urls


def resolve(targets: Targets) -> list[Url]:
    """The dependent URLs: the recorded readers of the keys plus the URLs named directly.
    URLs named directly come first (the changed page's own file is rewritten soonest)."""
    from cms.staticsite.models import Dependency

    found: set[Url] = set()
    keys = sorted(targets.keys)
    for start in range(0, len(keys), CHUNK):
        rows = (
            Dependency.objects.filter(key__in=keys[start : start + CHUNK])
            .values_list("site_id", "path")
            .distinct()
        )
        found.update(rows)
    direct = sorted(targets.urls)
    return direct + sorted(found - targets.urls)
