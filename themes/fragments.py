"""Fragment cache of the chrome every public page repeats: the main navigation (the site's
top-level columns) and the footer (the site's identity). Keyed by site and a version that is
bumped when what they show can change (issue 14 item 4), so a page renders them without a query.

Versions: one per site, bumped on each `content_changed` of a page of that site (publish,
unpublish, 撤稿, reinstatement: a column renamed, hidden or added), plus a cluster generation
bumped on moves and deletions (the old site is no longer known) and on every Site or SiteProfile
save or delete (identity, parents, hostnames). Bumped in the transaction and again on commit, like
the feed cache (cms/feeds/caching.py), so a fragment rebuilt from the old rows in between is not kept.

A per-process cache (local memory, the default) is not reached by another process's bump (a
gunicorn worker, the task worker), so entries there live only JIYUE_CHROME_CACHE_SECONDS (60 s);
with a shared cache (REDIS_URL) they live a day."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

GENERATION_KEY = "jiyue:chrome:generation"
SITE_KEY = "jiyue:chrome:site:{site_id}"
NAV_KEY = "jiyue:chrome:nav:{site_id}:{version}"
SHARED_CACHE_SECONDS = 24 * 3600
LOCAL_CACHE_SECONDS = 60


@dataclass(frozen=True)
class NavItem:
    """A top-level column as the navigation shows it (its URL is relative to its own site)."""

    title: str
    path: str
    url: str


@dataclass(frozen=True)
class ChromeVersion:
    version: str
    seconds: int

    def __str__(self) -> str:
        return self.version


def cache_seconds() -> int:
    configured = getattr(settings, "JIYUE_CHROME_CACHE_SECONDS", None)
    if configured is not None:
        return int(configured)
    return SHARED_CACHE_SECONDS if getattr(settings, "REDIS_URL", "") else LOCAL_CACHE_SECONDS


def chrome_version(site_id: int, request: HttpRequest | None = None) -> ChromeVersion:
    """The current version of `site_id`'s chrome, read once per request."""
    memo = getattr(request, "_jiyue_chrome_version", None) if request is not None else None
    if memo is not None and memo[0] == site_id:
        return memo[1]
    site_key = SITE_KEY.format(site_id=site_id)
    values = cache.get_many([GENERATION_KEY, site_key])
    version = ChromeVersion(
        f"{values.get(GENERATION_KEY, 0)}.{values.get(site_key, 0)}", cache_seconds()
    )
    if request is not None:
        request._jiyue_chrome_version = (site_id, version)  # type: ignore[attr-defined]
    return version


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # Missing (never bumped, or evicted): any value unlike the one just read will do.
        cache.set(key, _fresh_value(), None)


def _fresh_value() -> int:
    return time.time_ns()


def bump_site(site_id: int | None) -> None:
    if site_id is None:
        bump_all()
        return
    key = SITE_KEY.format(site_id=site_id)
    _incr(key)
    transaction.on_commit(lambda: _incr(key))


def bump_all(**_kwargs) -> None:
    _incr(GENERATION_KEY)
    transaction.on_commit(lambda: _incr(GENERATION_KEY))


def navigation(profile, request: HttpRequest | None) -> list[NavItem]:
    """The top-level columns of `profile`'s site in menu order: cached, else one query."""
    from cms.pages.models import ColumnPage

    version = chrome_version(profile.site_id, request)
    key = NAV_KEY.format(site_id=profile.site_id, version=version.version)
    items = cache.get(key)
    if items is None:
        columns = (
            ColumnPage.objects.child_of(profile.site.root_page)
            .live()
            .in_menu()
            .order_by("path")
            .only("title", "url_path", "path", "depth")
        )
        items = [
            NavItem(column.title, column.path, column.get_url(request) or "") for column in columns
        ]
        cache.set(key, items, version.seconds)
    return items


def on_content_changed(sender, change, **_kwargs) -> None:
    from cms.pages.updates import ChangeKind

    if change.kind in (ChangeKind.MOVED, ChangeKind.DELETED):
        bump_all()
    else:
        bump_site(change.site_id)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    from cms.pages.signals import content_changed
    from sites.models import SiteProfile

    content_changed.connect(on_content_changed, dispatch_uid="chrome_bump_on_change")
    for model in (Site, SiteProfile):
        post_save.connect(bump_all, sender=model, dispatch_uid=f"chrome_bump_{model.__name__}")
        post_delete.connect(bump_all, sender=model, dispatch_uid=f"chrome_del_{model.__name__}")
