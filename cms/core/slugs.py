"""Short, stable page slugs. Wagtail makes a new page's slug from its whole title: a Chinese
title of 60 characters becomes a URL segment of about 540 encoded characters, which citizens
cannot read out, share or type. A page that has never been published gets, instead, the pinyin
initials of its title (ASCII letters and digits kept as written), at most `MAX_SLUG_LENGTH`
characters, made unique among its siblings with a number. The editor may still type any slug;
once a page is published its slug is never rewritten (its URL is public)."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

MAX_SLUG_LENGTH = 40
_BASE_LENGTH = 32  # leaves room for a "-NNN" uniqueness suffix within MAX_SLUG_LENGTH
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def needs_short_slug(slug: str) -> bool:
    """An empty slug, or one Wagtail derived from a Chinese title (non-ASCII or too long)."""
    return not slug or not slug.isascii() or len(slug) > MAX_SLUG_LENGTH


def initials(title: str) -> str:
    """拼音首字母 of the Chinese characters, ASCII words as written: 安宁县2026年通知 → anx2026ntz."""
    pieces = lazy_pinyin(title, style=Style.FIRST_LETTER, errors="default")
    joined = "".join(pieces).lower()
    # Runs of ASCII (years, abbreviations) come back whole; separators between them collapse.
    return _NOT_SLUG.sub("-", joined).strip("-")[:_BASE_LENGTH].strip("-") or "page"


def short_slug(title: str, parent: Page | None, page: Page | None = None) -> str:
    """A slug for `title` no sibling under `parent` uses (other than `page` itself)."""
    base = initials(title)
    if parent is None:
        return base
    taken = set(
        parent.get_children()
        .exclude(pk=getattr(page, "pk", None))
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
