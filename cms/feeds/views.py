"""Feed views and the 订阅 page. Each feed answers in three formats; a request whose ETag or
If-Modified-Since still holds gets a 304 decided from one aggregate query, before any item is
built (cms.feeds.conditional); a rebuilt feed is cached (cms.feeds.caching)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from cms.feeds import caching
from cms.feeds.conditional import feed_validator
from cms.feeds.discovery import site_feeds
from cms.feeds.items import build_feed_item, load_specific
from cms.feeds.render import CONTENT_TYPES, render_feed
from cms.feeds.scopes import (
    DEFAULT_FORMAT,
    FORMATS,
    FeedScope,
    NotFound,
    category_scope,
    cluster_scope,
    column_scope,
    current_profile,
    feed_items,
    organisation_scope,
    search_scope,
    site_scope,
    topic_scope,
)
from cms.pages.updates import with_update_dates
from search.engines import SearchUnavailable

TEXT = "text/plain; charset=utf-8"
FORMAT_MESSAGE = "订阅格式无效，可选 rss、atom 或 json。"
UNAVAILABLE_MESSAGE = "搜索服务暂时不可用，请稍后再试。"


def _text(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type=TEXT)


def build_items(scope: FeedScope, request: HttpRequest | None = None) -> list:
    """The scope's latest items, newest major update first: one query for the ids, then a fixed
    number of queries for the pages and what their items read."""
    rows = list(
        with_update_dates(scope.queryset)
        .order_by("-major_updated_at", "-pk")
        .values_list("pk", "major_updated_at")[: feed_items()]
    )
    pages = load_specific([pk for pk, _ in rows], dict(rows))
    return [build_feed_item(page, request=request) for page in pages]


def _conditional(request: HttpRequest, etag: str, last_modified) -> HttpResponse | None:
    return get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )


def serve_feed(request: HttpRequest, resolve: Callable[[], FeedScope]) -> HttpResponse:
    fmt = request.GET.get("format") or DEFAULT_FORMAT
    if fmt not in FORMATS:
        return _text(FORMAT_MESSAGE, 400)
    feed_key = f"{request.get_host()}|{request.get_full_path()}|{fmt}"
    cached = caching.get_validator(feed_key)
    if cached is not None:
        # Nothing public changed since this validator was computed (the cache is purged on
        # every content change): answer from the cache alone.
        etag, last_modified = cached
        response = _conditional(request, etag, last_modified)
        body = caching.get(feed_key, etag) if response is None else None
        if response is not None or body is not None:
            return response or _feed_response(fmt, body, etag, last_modified)
    try:
        scope = resolve()
    except NotFound as missing:
        return _text(str(missing), 404)
    except SearchUnavailable:
        return _text(UNAVAILABLE_MESSAGE, 503)
    validator = feed_validator(scope.queryset, key=feed_key)
    etag, last_modified = validator.etag, validator.last_modified
    caching.put_validator(feed_key, etag, last_modified)
    not_modified = _conditional(request, etag, last_modified)
    if not_modified is not None:
        return not_modified
    body = caching.get(feed_key, etag)
    if body is None:
        body = render_feed(
            fmt,
            build_items(scope, request),
            title=scope.title,
            link=scope.link,
            self_url=scope.url(fmt, request),
            description=scope.description,
        )
        caching.put(feed_key, etag, body)
    return _feed_response(fmt, body, etag, last_modified)


def _feed_response(fmt: str, body: bytes, etag: str, last_modified) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


def _feed_view(resolve_scope: Callable[..., FeedScope]) -> Callable[..., HttpResponse]:
    """A feed view for one scope kind; the URL's arguments go to the scope's resolver."""

    @require_safe
    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        return serve_feed(request, lambda: resolve_scope(request, **kwargs))

    view.__name__ = f"{resolve_scope.__name__.removesuffix('_scope')}_feed"
    return view


site_feed = _feed_view(site_scope)
column_feed = _feed_view(column_scope)
category_feed = _feed_view(category_scope)
topic_feed = _feed_view(topic_scope)
organisation_feed = _feed_view(organisation_scope)
search_feed = _feed_view(search_scope)
cluster_feed = _feed_view(cluster_scope)


@require_safe
def subscribe_page(request: HttpRequest) -> HttpResponse:
    """订阅: every feed of the site, each in its three formats."""
    try:
        profile = current_profile(request)
    except NotFound as missing:
        return _text(str(missing), 404)
    groups = site_feeds(request, profile)
    return render(
        request,
        "feeds/subscribe.html",
        {"groups": groups, "formats": FORMATS, "feed_items": feed_items()},
    )
