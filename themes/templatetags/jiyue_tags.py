"""Template tags for the shared public templates: page `<meta>` tags, navigation and breadcrumb."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from wagtail.models import Page

from cms.pages.queries import column_neighbours
from themes import fragments
from themes.article_tools import qr_data_uri

register = template.Library()


def site_meta(profile: Any) -> dict[str, str]:
    """Tags every page carries (STANDARDS.md §3)."""
    if not profile:
        return {}
    return {
        "SiteName": profile.canonical_name,
        "SiteDomain": profile.domain,
        "SiteIDCode": profile.site_code,
    }


def page_meta_tags(page: Page, profile: Any, request: HttpRequest | None) -> dict[str, str]:
    """All `<meta name=…>` pairs for `page`, site tags first, empty optional values left out."""
    tags = site_meta(profile)
    specific_meta = page.page_meta() if hasattr(page, "page_meta") else {}
    if "ArticleTitle" in specific_meta:
        if not specific_meta.get("ContentSource") and profile:
            specific_meta["ContentSource"] = profile.default_source
        specific_meta["Url"] = page.get_full_url(request)
    tags.update(specific_meta)
    required = {"ContentSource", "ColumnDescription", "ColumnKeywords"}
    return {name: value for name, value in tags.items() if value or name in required}


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def meta_tags(context: template.Context, page: Page | None = None) -> dict[str, Any]:
    request = context.get("request")
    profile = context.get("site_profile")
    if page is None:
        return {"tags": site_meta(profile)}
    return {"tags": page_meta_tags(page, profile, request)}


@register.simple_tag(takes_context=True)
def site_navigation(context: template.Context) -> list[fragments.NavItem]:
    """Top-level columns of the serving site, in menu order (cached per site version; else one
    query)."""
    profile = context.get("site_profile")
    if not profile:
        return []
    return fragments.navigation(profile, context.get("request"))


@register.simple_tag(takes_context=True)
def chrome_version(context: template.Context) -> fragments.ChromeVersion:
    """Version of the serving site's chrome, for `{% cache chrome.seconds … chrome.version %}`
    (no site: a timeout of 0, nothing is kept)."""
    profile = context.get("site_profile")
    if not profile:
        return fragments.ChromeVersion("none", 0)
    return fragments.chrome_version(profile.site_id, context.get("request"))


@register.simple_tag
def breadcrumb_trail(page: Page) -> list[Page]:
    """Ancestors from the site home down to `page`'s parent (one query)."""
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth"))


@register.simple_tag(takes_context=True)
def relative_url(context: template.Context, page: Page) -> str:
    return page.get_url(context.get("request")) or ""


# Longest first: "安宁县人民政府门户网站" → "安宁县", "长河市教育局网站" → "长河市教育局".
SITE_NAME_SUFFIXES = ("人民政府门户网站", "门户网站", "网站")


@register.filter
def short_site_name(name: str) -> str:
    """Compact label for a site in aggregated lists (站群要闻); the full name stays available."""
    for suffix in SITE_NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@register.inclusion_tag("includes/article_tools.html", takes_context=True)
def article_tools(context: template.Context, page: Page) -> dict[str, Any]:
    """字号, 打印, the page's QR code (手机扫码浏览, 分享到微信) and 上一篇/下一篇 in its column."""
    request = context.get("request")
    previous, following = column_neighbours(page)
    url = page.get_full_url(request) or ""
    return {
        "request": request,
        "page_url": url,
        "qr": qr_data_uri(url) if url else "",
        "previous": previous,
        "following": following,
    }
