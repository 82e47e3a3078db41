"""`{% feed_alternates %}`: the `<link rel="alternate">` tags of the current page's feeds
(feed autodiscovery), included once by the shared base template."""

from __future__ import annotations

from django import template

from cms.feeds.discovery import ALTERNATE_TYPES, page_feeds

register = template.Library()


@register.inclusion_tag("feeds/alternate_links.html", takes_context=True)
def feed_alternates(context) -> dict:
    links = []
    for feed in page_feeds(context.get("site_profile"), context.get("page")):
        for fmt, mime in ALTERNATE_TYPES.items():
            links.append({"title": feed.title, "type": mime, "href": feed.url(fmt)})
    return {"links": links}
