"""Cache purge for deployments that serve pages from a cache rather than from files (issue 14
item 3), fed by the same dependent-URL list as static publishing (cms.staticsite.dependents).

Django's cache holds a page under `page_cache_key(hostname, path)`; Wagtail's frontend-cache
backends (an nginx cache, a CDN) are asked to drop the full URLs when WAGTAILFRONTENDCACHE is
configured. Purging happens on the task worker, never in an editor's request (DESIGN.md: no
network call inside an editor's request)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from cms.staticsite.dependents import Url


def page_cache_key(hostname: str, path: str) -> str:
    """The Django cache key of the page at `path` on `hostname` (the one key scheme a page
    cache must use so that publishing purges it)."""
    digest = hashlib.sha256(f"{hostname}|{path}".encode()).hexdigest()
    return f"jiyue:page:{digest}"


def frontend_cache_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def recording_requests() -> bool:
    """Cache purge mode: pages served by Django record their dependencies (the middleware)."""
    return bool(getattr(settings, "JIYUE_STATIC_RECORD_REQUESTS", False)) or (
        frontend_cache_configured()
    )


def purge(urls: Iterable[Url], sites: dict[int, Site]) -> int:
    """Drop every dependent URL from Django's cache and from the frontend caches; returns how
    many URLs were purged."""
    pairs = [(sites[site_id], path) for site_id, path in urls if site_id in sites]
    if not pairs:
        return 0
    cache.delete_many([page_cache_key(site.hostname, path) for site, path in pairs])
    if frontend_cache_configured():
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache([site.root_url + path for site, path in pairs])
    return len(pairs)
