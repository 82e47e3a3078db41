"""What an item looks like on each platform, as pure functions of the page and the account
(STANDARDS.md §6 limits): `build_payload()` is the WeChat draft article, `weibo_text()` the Weibo
post. Remote state (uploaded image URLs, the thumb media_id) is passed in, so rendering needs no
network and the outbox decides what to upload (`body_images()`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from bs4 import BeautifulSoup
from wagtail.models import Page

from cms.core.sanitize import sanitize_html

# STANDARDS.md §6: draft/add limits (in characters, 字).
TITLE_MAX = 32
AUTHOR_MAX = 16
DIGEST_MAX = 128
CONTENT_MAX = 20_000  # content must be shorter than this
WEIBO_MAX = 140
ELLIPSIS = "…"
TRUNCATED_NOTICE = '<p style="color:#888;font-size:14px;">（正文较长，完整内容请阅读原文）</p>'

# What WeChat keeps: it drops class/id and style sheets, so presentation travels inline. Links to
# other sites are removed by WeChat, so their text is kept without the link.
WECHAT_STYLES: dict[str, str] = {
    "p": "margin:0 0 1em;line-height:1.75;font-size:16px;text-align:justify;",
    "h2": "margin:1.2em 0 .6em;font-size:18px;font-weight:bold;",
    "h3": "margin:1em 0 .5em;font-size:17px;font-weight:bold;",
    "h4": "margin:1em 0 .5em;font-size:16px;font-weight:bold;",
    "blockquote": "margin:0 0 1em;padding-left:1em;border-left:3px solid #ddd;color:#555;",
    "ul": "margin:0 0 1em;padding-left:1.5em;",
    "ol": "margin:0 0 1em;padding-left:1.5em;",
    "li": "line-height:1.75;",
    "table": "border-collapse:collapse;width:100%;margin:0 0 1em;",
    "th": "border:1px solid #ccc;padding:4px;",
    "td": "border:1px solid #ccc;padding:4px;",
    "img": "max-width:100%;height:auto;display:block;margin:0 auto;",
}


def trim(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a character boundary with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def body_html(page: Page) -> str:
    body = getattr(page, "body", "")
    return body if isinstance(body, str) else ""


def plain_text(html: str) -> str:
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def summary_of(page: Page) -> str:
    for name in ("summary", "search_description", "description"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value
    return plain_text(body_html(page))


def image_key(image_id: int | str) -> str:
    return f"image:{image_id}"


def body_images(page: Page) -> list[int]:
    """Ids of the Wagtail images the body embeds, in order (each re-hosted through uploadimg)."""
    soup = BeautifulSoup(body_html(page), "html.parser")
    ids: list[int] = []
    for embed in soup.find_all("embed", attrs={"embedtype": "image"}):
        try:
            image_id = int(embed.get("id", ""))
        except ValueError:
            continue
        if image_id not in ids:
            ids.append(image_id)
    return ids


def wechat_html(html: str, images: Mapping[str, str]) -> str:
    """`html` (Wagtail's stored rich text) reduced to what WeChat keeps, styles inlined; images
    only where `images` maps them to a WeChat URL (other images are dropped, STANDARDS.md §6)."""
    soup = BeautifulSoup(html or "", "html.parser")
    for embed in soup.find_all("embed"):
        url = (
            images.get(image_key(embed.get("id", "")))
            if embed.get("embedtype") == "image"
            else None
        )
        if url:
            embed.replace_with(soup.new_tag("img", src=url, alt=embed.get("alt", "")))
        else:
            embed.decompose()
    hosted = set(images.values())
    for img in soup.find_all("img"):
        if img.get("src") not in hosted:
            img.decompose()
    for link in soup.find_all("a"):
        link.unwrap()
    # The one HTML cleaner (scripts, handlers, dangerous CSS) before WeChat's own reductions.
    cleaned = BeautifulSoup(sanitize_html(str(soup)), "html.parser")
    for tag in cleaned.find_all(True):
        tag.attrs.pop("class", None)
        tag.attrs.pop("id", None)
        base = WECHAT_STYLES.get(tag.name)
        if base:
            own = tag.get("style", "")
            tag["style"] = base + (own if own.endswith(";") or not own else own + ";")
    return _within_limit(cleaned)


def _within_limit(soup: BeautifulSoup) -> str:
    html = str(soup)
    if len(html) < CONTENT_MAX:
        return html
    # Drop whole trailing blocks (never cut inside a tag) until the notice fits.
    blocks = list(soup.contents)
    while blocks and len("".join(map(str, blocks))) + len(TRUNCATED_NOTICE) >= CONTENT_MAX:
        blocks.pop()
    return "".join(map(str, blocks)) + TRUNCATED_NOTICE


def author_of(page: Page, account) -> str:
    author = getattr(page, "author", "") or ""
    if not author:
        organisation = getattr(page, "organisation", None)
        author = organisation.name if organisation else account.sponsor
    return trim(author, AUTHOR_MAX)


def build_payload(
    page: Page,
    account,
    *,
    images: Mapping[str, str] | None = None,
    thumb_media_id: str = "",
    url: str | None = None,
) -> dict[str, Any]:
    """The draft/add article for `page` on `account` (STANDARDS.md §6)."""
    return {
        "title": trim(page.title, TITLE_MAX),
        "author": author_of(page, account),
        "digest": trim(summary_of(page), DIGEST_MAX),
        "content": wechat_html(body_html(page), images or {}),
        "content_source_url": url or page.get_full_url(),
        "thumb_media_id": thumb_media_id,
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
    }


def weibo_length(text: str) -> int:
    """Weibo's count in 字: two half-width (ASCII) characters count as one."""
    half = sum(1 for ch in text if ord(ch) < 128)
    return len(text) - half + math.ceil(half / 2)


def weibo_text(page: Page, url: str | None = None) -> str:
    """≤ 140 字: 【title】summary and the canonical link (STANDARDS.md §5: a link back)."""
    url = url or page.get_full_url()
    title = " ".join(page.title.split())
    summary = " ".join(summary_of(page).split())

    def compose(t: str, s: str) -> str:
        return f"【{t}】{s} {url}" if s else f"【{t}】{url}"

    text = compose(title, summary)
    while weibo_length(text) > WEIBO_MAX and summary:
        summary = summary[:-2] + ELLIPSIS if len(summary) > 2 else ""
        text = compose(title, summary)
    while weibo_length(text) > WEIBO_MAX and len(title) > 1:
        title = title[:-2] + ELLIPSIS
        text = compose(title, "")
    return text
