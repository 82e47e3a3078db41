"""Feed documents from FeedItems: RSS 2.0 and Atom through feedgen, JSON Feed 1.1 by hand
(feedgen has no JSON Feed). The feed's `updated` is its newest item's update date, never "now"."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from html import escape

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from cms.feeds.items import FeedItem


def html_content(item: FeedItem) -> str:
    """The item's HTML: its sanitised content, or its (plain-text) title as a paragraph."""
    return item.content_html or f"<p>{escape(item.title)}</p>"


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
# An empty feed has no newest item; it says it was last updated at this fixed moment, so its
# validators stay stable.
EMPTY_FEED_UPDATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class EnclosingEntry(FeedEntry):
    """feedgen 1.0.0 drops every attribute but `href` of an Atom entry's links (`atom_entry`
    rebinds its loop variable to the new element and reads the attributes from it) and writes only
    one RSS enclosure. This entry rewrites both from the item's own enclosures."""

    enclosures: Sequence = ()

    def atom_entry(self, extensions: bool = True):
        entry = super().atom_entry(extensions=extensions)
        for element in entry.findall("{http://www.w3.org/2005/Atom}link") + entry.findall("link"):
            entry.remove(element)
        for link in self.link() or []:
            attributes = {"href": link["href"]}
            for name in ("rel", "type", "hreflang", "title", "length"):
                if link.get(name):
                    attributes[name] = str(link[name])
            xml_elem("link", entry, **attributes)
        return entry

    def rss_entry(self, extensions: bool = True):
        entry = super().rss_entry(extensions=extensions)
        for element in entry.findall("enclosure"):
            entry.remove(element)
        for enclosure in self.enclosures:
            xml_elem(
                "enclosure",
                entry,
                url=enclosure.url,
                length=str(enclosure.length),
                type=enclosure.mime_type,
            )
        return entry


def feed_updated(items: Sequence[FeedItem]) -> dt.datetime:
    return max((item.updated for item in items), default=EMPTY_FEED_UPDATED)


def _generator(
    fmt: str, items: Sequence[FeedItem], *, title: str, link: str, self_url: str, description: str
) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title(title)
    generator.subtitle(description)
    generator.link(href=link, rel="alternate")
    generator.link(href=self_url, rel="self")
    generator.language("zh-CN")
    generator.generator("Jiyue 集约")
    generator.updated(feed_updated(items))
    for item in items:
        entry = EnclosingEntry()
        entry.enclosures = item.enclosures
        # feedgen keeps one id for both: the content id as an Atom URN, bare as the RSS guid.
        if fmt == "atom":
            entry.id(f"urn:uuid:{item.id}")
        else:
            entry.guid(item.id, permalink=False)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        for enclosure in item.enclosures:
            entry.link(
                href=enclosure.url,
                rel="enclosure",
                type=enclosure.mime_type,
                length=str(enclosure.length),
                title=enclosure.title,
            )
        if item.summary:
            entry.summary(item.summary)
        # RSS readers render <description> as HTML; summary and title are plain text.
        entry.description(escape(item.summary or item.title))
        # Escaped HTML: Atom's type="html"; RSS content:encoded the same way (no CDATA, which
        # lxml refuses for text containing "]]>").
        entry.content(html_content(item), type="html")
        entry.published(item.published)
        entry.pubDate(item.published)
        entry.updated(item.updated)
        if item.author:
            entry.author(name=item.author)
        for category in item.categories:
            entry.category(term=category)
        # feedgen prepends by default; append keeps the newest-first order of `items`.
        generator.add_entry(entry, order="append")
    return generator


def render_feed(
    fmt: str,
    items: Sequence[FeedItem],
    *,
    title: str,
    link: str,
    self_url: str,
    description: str,
) -> bytes:
    if fmt == "json":
        return render_json_feed(
            items, title=title, link=link, self_url=self_url, description=description
        )
    generator = _generator(
        fmt, items, title=title, link=link, self_url=self_url, description=description
    )
    if fmt == "atom":
        return generator.atom_str(pretty=False)
    return generator.rss_str(pretty=False)


def json_item(item: FeedItem) -> dict:
    data: dict = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": html_content(item),
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
    }
    if item.summary:
        data["summary"] = item.summary
    if item.author:
        data["authors"] = [{"name": item.author}]
    if item.categories:
        data["tags"] = list(item.categories)
    if item.enclosures:
        data["attachments"] = [
            {
                "url": enclosure.url,
                "mime_type": enclosure.mime_type,
                "title": enclosure.title,
                "size_in_bytes": enclosure.length,
            }
            for enclosure in item.enclosures
        ]
    return data


def render_json_feed(
    items: Sequence[FeedItem], *, title: str, link: str, self_url: str, description: str
) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": link,
        "feed_url": self_url,
        "description": description,
        "language": "zh-CN",
        "items": [json_item(item) for item in items],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
