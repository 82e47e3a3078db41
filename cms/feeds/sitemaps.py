"""Sitemaps of each site: `/sitemap.xml` (an index) with parts of at most JIYUE_SITEMAP_URLS URLs
(50,000 by the sitemaps protocol), holding the site's home, its columns and its own publicly
listable pages (cms.pages.queries: a withdrawn or 不予公开 page is never listed), each `lastmod`
its last major update; and the human-readable 网站地图 page, the site's column tree."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Page

from cms.feeds.scopes import NotFound, current_profile
from cms.pages.models import ColumnPage
from cms.pages.queries import publicly_listable
from cms.pages.updates import with_update_dates
from sites.models import SiteProfile

SITEMAP_PROTOCOL_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


def urls_per_part() -> int:
    return min(
        int(getattr(settings, "JIYUE_SITEMAP_URLS", SITEMAP_PROTOCOL_LIMIT)),
        SITEMAP_PROTOCOL_LIMIT,
    )


def _columns(profile: SiteProfile):
    return ColumnPage.objects.descendant_of(profile.site.root_page).live().public().order_by("path")


def _pages(profile: SiteProfile):
    return with_update_dates(publicly_listable(profile.site.root_page)).order_by("pk")


def _lastmod(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def sitemap_entries(profile: SiteProfile, part: int) -> list[tuple[str, str]]:
    """(url path, lastmod) of part `part` (1-based): home and columns first, then the pages."""
    size = urls_per_part()
    start, stop = (part - 1) * size, part * size
    root = profile.site.root_page
    head: list[tuple[str, object]] = [(root.url_path, root.last_published_at)]
    head += [
        (column.url_path, column.last_published_at)
        for column in _columns(profile).only("url_path", "last_published_at", "path")
    ]
    entries = head[start:stop]
    if stop > len(head):
        offset = max(0, start - len(head))
        rows = _pages(profile).values_list("url_path", "major_updated_at")[
            offset : offset + (stop - max(start, len(head)))
        ]
        entries += list(rows)
    prefix = len(root.url_path) - 1  # url_path of a page = its site root's url_path + its path
    return [(url_path[prefix:] or "/", _lastmod(moment)) for url_path, moment in entries]


def part_count(profile: SiteProfile) -> int:
    total = 1 + _columns(profile).count() + _pages(profile).count()
    return max(1, -(-total // urls_per_part()))


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _profile_or_404(request: HttpRequest) -> SiteProfile | HttpResponse:
    try:
        return current_profile(request)
    except NotFound as missing:
        return HttpResponse(str(missing), status=404, content_type=TEXT)


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_404(request)
    if isinstance(profile, HttpResponse):
        return profile
    base = _base(request)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{XMLNS}">']
    for part in range(1, part_count(profile) + 1):
        location = escape(base + reverse("feeds:sitemap_part", args=[part]))
        lines.append(f"<sitemap><loc>{location}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return HttpResponse("\n".join(lines), content_type=XML)


@require_safe
def sitemap_part(request: HttpRequest, part: str) -> HttpResponse:
    profile = _profile_or_404(request)
    if isinstance(profile, HttpResponse):
        return profile
    number = int(part)
    if number < 1 or number > part_count(profile):
        return HttpResponse("网站地图没有这一部分。", status=404, content_type=TEXT)
    base = _base(request)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{XMLNS}">']
    for path, lastmod in sitemap_entries(profile, number):
        lastmod_tag = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(base + path)}</loc>{lastmod_tag}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type=XML)


@require_safe
def site_map_page(request: HttpRequest) -> HttpResponse:
    """网站地图: the site's column tree, as nested lists."""
    profile = _profile_or_404(request)
    if isinstance(profile, HttpResponse):
        return profile
    root: Page = profile.site.root_page
    columns = list(_columns(profile).only("title", "url_path", "path", "depth"))
    tree = _nest(columns, root)
    return render(request, "feeds/site_map.html", {"tree": tree, "home": root})


def _nest(columns: list[ColumnPage], root: Page) -> list[dict]:
    """[{column, url, children: [...]}] from pages in tree (path) order; a column below one that
    is not public is not reachable, so it is left out with it."""
    prefix = len(root.url_path) - 1
    steplen = Page.steplen
    nodes: list[dict] = []
    children_of: dict[str, list[dict]] = {root.path: nodes}
    for column in columns:
        siblings = children_of.get(column.path[:-steplen])
        if siblings is None:
            continue
        node = {"column": column, "url": column.url_path[prefix:], "children": []}
        siblings.append(node)
        children_of[column.path] = node["children"]
    return nodes
