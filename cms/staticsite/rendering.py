"""Rendering one public URL the way a citizen's browser gets it: through Django's whole request
path (Django's test client, with the site's Host header), recording what it read.

A response becomes a file only when it is the same for everyone: a 200 GET of HTML or XML that
sets no cookie, uses no CSRF token (a form), is not private, and is not a 撤稿 notice (withdrawn
pages are served by Django, which shows the notice, issue 14). Everything else — 404s, redirects,
forms, dynamic endpoints — is left to Django: its file is removed and nginx falls back."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Container
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from wagtail.models import Site

from cms.staticsite import recording

# Dynamic endpoints that stay in Django (issue 14 item 2): search, forms, request status, the
# API, feeds with conditional GET, documents, preference switches, assets.
DYNAMIC_PREFIXES = (
    "/admin/",
    "/api/",
    "/search/",
    "/feeds/",
    "/documents/",
    "/yisqgk/",
    "/mode/",
)
CONTENT_TYPES = ("text/html", "application/xml", "text/xml")
UNCACHEABLE = ("private", "no-store", "no-cache")

_publishing: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "jiyue_static_render", default=False
)


class _ExpectedNotFound(logging.Filter):
    """A publication renders URLs that may be gone (that is how their files are removed): its
    404s are not worth a warning; server errors still are."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_publishing.get() and getattr(record, "status_code", 500) < 500)


logging.getLogger("django.request").addFilter(_ExpectedNotFound())


@dataclass
class Rendered:
    status: int
    body: bytes
    publishable: bool
    keys: set[str] = field(default_factory=set)


def host_header(site: Site) -> str:
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def is_dynamic(path: str) -> bool:
    prefixes = (*DYNAMIC_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    return any(path.startswith(prefix) for prefix in prefixes if prefix)


def withdrawn_url_paths() -> set[str]:
    """The url_paths of every withdrawn page (a short list): one query for a whole publication
    instead of one per URL, which would scan the unindexed url_path column each time."""
    from cms.pages.models import Withdrawal

    return set(Withdrawal.objects.values_list("page__url_path", flat=True))


def _withdrawn(site: Site, path: str, withdrawn: Container[str] | None) -> bool:
    url_path = site.root_page.url_path.rstrip("/") + path
    if withdrawn is not None:
        return url_path in withdrawn
    from cms.pages.models import Withdrawal

    return Withdrawal.objects.filter(page__url_path=url_path).exists()


def is_publishable(request, response) -> bool:
    """The one rule for "this response may be served to anyone from a file or a shared cache"."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if request.META.get("QUERY_STRING") or is_dynamic(request.path):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in CONTENT_TYPES:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in UNCACHEABLE)


_clients = threading.local()


def _client() -> Client:
    """One client per thread: a new one would load the middleware again (WhiteNoise scans every
    static file), which costs more than rendering a page."""
    client = getattr(_clients, "client", None)
    if client is None:
        client = _clients.client = Client(raise_request_exception=False)
    client.cookies.clear()
    return client


def render(site: Site, path: str, *, withdrawn: Container[str] | None = None) -> Rendered:
    """Render `path` on `site`; raises RuntimeError on a server error (the job retries).
    `withdrawn`: `withdrawn_url_paths()` read beforehand, for many renders in a row."""
    client = _client()
    token = _publishing.set(True)
    try:
        with recording.collecting() as keys:
            recording.record(recording.site_key(site.pk))
            response = client.get(
                path,
                HTTP_HOST=host_header(site),
                secure=bool(getattr(settings, "SECURE_SSL_REDIRECT", False)),
            )
    finally:
        _publishing.reset(token)
    if response.status_code >= 500:
        raise RuntimeError(f"{site.hostname}{path} 生成失败（HTTP {response.status_code}）")
    body = b"" if response.streaming else response.content
    publishable = is_publishable(response.wsgi_request, response) and not _withdrawn(
        site, path, withdrawn
    )
    return Rendered(response.status_code, body, publishable, keys)
