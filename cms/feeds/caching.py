"""The feed cache: each feed's validator (ETag, Last-Modified) and its built documents, kept per
(host, path and query, format) and purged all at once when public content changes, so a repeat
request is answered from the cache without touching the database (DESIGN.md "served from cache").

Validators are cached only when JIYUE_FEED_CACHE_VALIDATORS is on (a shared cache such as
Redis); otherwise a 304 costs the one aggregate query.

Purging starts a new generation (every key carries it). It happens on `content_changed`, sent
inside the change's transaction, and again when that transaction commits, so a feed rebuilt from
the old rows in between is not kept. Entries also expire after JIYUE_FEED_CACHE_SECONDS, a bound
for changes no signal announces (a view restriction added to a column)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "jiyue:feeds:generation"
DEFAULT_CACHE_SECONDS = 300


def cache_seconds() -> int:
    return int(getattr(settings, "JIYUE_FEED_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"jiyue:feeds:{_generation()}:{kind}:{digest}"


def validators_cached() -> bool:
    """Only in a cache all processes share: a purge in the process that published must reach the
    others (with a per-process cache a worker's scheduled publication would not)."""
    return bool(getattr(settings, "JIYUE_FEED_CACHE_VALIDATORS", False))


def get_validator(feed_key: str) -> tuple[str, dt.datetime | None] | None:
    return cache.get(_key("validator", feed_key)) if validators_cached() else None


def put_validator(feed_key: str, etag: str, last_modified: dt.datetime | None) -> None:
    if validators_cached():
        cache.set(_key("validator", feed_key), (etag, last_modified), cache_seconds())


def get(feed_key: str, etag: str) -> bytes | None:
    return cache.get(_key("body", feed_key, etag))


def put(feed_key: str, etag: str, body: bytes) -> None:
    cache.set(_key("body", feed_key, etag), body, cache_seconds())


def purge(**_kwargs) -> None:
    """Every cached feed and validator becomes unreachable (a new generation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def purge_now_and_on_commit(**_kwargs) -> None:
    purge()
    transaction.on_commit(purge)


def connect() -> None:
    """Purge on every content change (CONTRACT-9.md: the one `content_changed` signal)."""
    from cms.pages.signals import content_changed

    content_changed.connect(purge_now_and_on_commit, dispatch_uid="feeds_purge_on_change")
