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

from cms.staticsite.recording import list_keys_covering, order_key, page_key, site_key

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


def of_change(
    page: Page,
    *,
    subtree: bool = False,
    old_parent: Page | None = None,
    membership: bool = True,
) -> Targets:
    """What a change of `page` (a specific instance, still in the database) touches. `subtree`
    adds the pages below it (a move changes all their URLs); `old_parent` adds the lists of the
    place it was moved from. `membership=False`: the change cannot alter which pages are listed
    where (see `keeps_membership`), so the neighbour lookups' `order:` keys are left out."""
    targets = Targets()
    pages: Iterable[Page] = [page]
    if subtree:
        pages = [page, *Page.objects.descendant_of(page).only("id", "path", "url_path", "depth")]
    paths = [page.path] + ([old_parent.path] if old_parent is not None else [])
    targets.keys.update(list_keys_covering(type(page), paths))
    if membership:
        targets.keys.update(list_keys_covering(type(page), paths, key=order_key))
    if not getattr(page, "is_column_item", False):
        site_id = (own_url(page) or (None, ""))[0]
        if site_id is not None:
            targets.keys.add(site_key(site_id))
    for each in pages:
        targets.keys.add(page_key(each.pk))
        url = own_url(each)
        if url is not None:
            targets.urls.add(url)
    return targets


def keeps_membership(page: Page, *, minor: bool, listable: bool) -> bool:
    """Whether a change leaves every list's membership and the first publication dates as they
    were: a 一般修改 (Wagtail never changes first_published_at) of a page that is listable now
    and was served before (its own URL has recorded dependencies; a page 不予公开, unpublished or
    never published has none). Anything else (new, 撤稿, reinstated, moved, deleted, a 一般修改
    that makes a page listable or unlisted) may change them."""
    from cms.staticsite.models import Dependency

    if not (minor and listable):
        return False
    url = own_url(page)
    return url is not None and Dependency.objects.filter(site_id=url[0], path=url[1]).exists()


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
