"""The feed cache: built documents kept per (host, path and query, format, validator) and purged
all at once when content changes. The validator is part of the key, so an entry can never be
served for content it was not built from; the purge drops what the validator cannot see (a column
renamed, a site's name changed)."""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "jiyue:feeds:generation"
CACHE_SECONDS = 60 * 60


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def cache_key(feed_key: str, etag: str) -> str:
    import hashlib

    digest = hashlib.sha256(f"{feed_key}|{etag}".encode()).hexdigest()
    return f"jiyue:feeds:{_generation()}:{digest}"


def get(feed_key: str, etag: str) -> bytes | None:
    return cache.get(cache_key(feed_key, etag))


def put(feed_key: str, etag: str, body: bytes) -> None:
    cache.set(cache_key(feed_key, etag), body, CACHE_SECONDS)


def purge(**_kwargs) -> None:
    """Every cached feed becomes unreachable (a new generation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def connect() -> None:
    """Purge on every content change (CONTRACT-9.md: the one `content_changed` signal)."""
    from cms.pages.signals import content_changed

    content_changed.connect(purge, dispatch_uid="feeds_purge_on_change")
