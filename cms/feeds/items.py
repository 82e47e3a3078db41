"""What one feed item contains, built by a pure function of a page (DESIGN.md: `build_feed_item`),
and the batch loading that lets a feed build all its items in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cms.core.sanitize import sanitize_html
from cms.pages.updates import content_id

# Root-relative links in rich text (`/anning/…`, `/documents/…`) are made absolute: a feed
# reader has no page to resolve them against.
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass(frozen=True)
class Enclosure:
    url: str
    mime_type: str
    length: int
    title: str


@dataclass(frozen=True)
class FeedItem:
    id: str  # the content id (CONTRACT-9.md): Atom `urn:uuid:<id>`, RSS guid, JSON Feed id
    title: str
    url: str
    summary: str
    content_html: str
    published: dt.datetime  # Asia/Shanghai
    updated: dt.datetime  # the last major update (更新时间), Asia/Shanghai
    author: str = ""
    categories: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = field(default=())


def url_parts(page: Page, request=None) -> tuple[str, str]:
    """(`scheme://host[:port]` of the site serving `page`, the page's path on it)."""
    _site_id, root_url, path = page.get_url_parts(request) or (None, "", "")
    return root_url or "", path or ""


def absolute_url(url: str, root_url: str) -> str:
    return f"{root_url}{url}" if url.startswith("/") and not url.startswith("//") else url


def absolutise(html: str, root_url: str) -> str:
    return _RELATIVE_URL.sub(lambda m: f"{m.group(1)}{root_url}/", html) if root_url else html


def _record(page: Page) -> Page:
    """The record behind an alias of a disclosure on another site (its metadata is the original's)."""
    return getattr(page, "record", page)


def _parent_column(page: Page) -> Page | None:
    if "_feed_column" in page.__dict__:
        return page.__dict__["_feed_column"]
    return page.get_parent()


def _categories(page: Page) -> tuple[str, ...]:
    record = _record(page)
    names: list[str] = []
    column = _parent_column(page)
    if column is not None and column.depth > 2:
        names.append(column.title)
    for value in (
        getattr(record, "category_title", ""),
        _topic_label(record),
        record.organisation.name if getattr(record, "organisation_id", None) else "",
    ):
        if value and value not in names:
            names.append(value)
    return tuple(names)


def _topic_label(record: Page) -> str:
    topic = getattr(record, "topic", None)
    return getattr(topic, "path_label", "") if getattr(record, "topic_id", None) else ""


def _enclosures(page: Page, root_url: str) -> tuple[Enclosure, ...]:
    record = _record(page)
    attachments = getattr(record, "attachments", None)
    if attachments is None:
        return ()
    found = []
    for attachment in attachments.all():
        document = attachment.document
        mime = mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
        found.append(
            Enclosure(
                url=absolute_url(document.url, root_url),
                mime_type=mime,
                length=int(document.file_size or document.get_file_size() or 0),
                title=attachment.display_title,
            )
        )
    return tuple(found)


def _local(moment: dt.datetime | None, fallback: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment or fallback)


def build_feed_item(page: Page, *, request=None) -> FeedItem:
    """One feed item of a (specific) page: full sanitised content, summary, categories,
    attachments as enclosures, dates in the cluster's time zone (Asia/Shanghai).

    `page.major_updated_at` (from `with_update_dates`) orders the feed and is the item's update
    date, so a 一般修改 neither moves the item up nor changes its date."""
    record = _record(page)
    root_url, path = url_parts(page, request)
    published = _local(page.first_published_at, page.last_published_at or timezone.now())
    updated = _local(getattr(page, "major_updated_at", None), published)
    body = getattr(record, "body", None)
    if not isinstance(body, str):
        body = getattr(record, "intro", "") or ""
    content = absolutise(sanitize_html(expand_db_html(body)), root_url) if body else ""
    summary = getattr(record, "summary", "") or page.search_description or ""
    return FeedItem(
        id=content_id(page),
        title=page.title,
        url=f"{root_url}{path}",
        summary=summary if isinstance(summary, str) else "",
        content_html=content,
        published=published,
        updated=max(updated, published),
        author=getattr(record, "author", "") or "",
        categories=_categories(page),
        enclosures=_enclosures(page, root_url),
    )


def load_specific(
    ids: Iterable[int], updated: dict[int, dt.datetime | None] | None = None
) -> list[Page]:
    """The specific pages of `ids`, in that order, with everything `build_feed_item` reads
    loaded in one query per page type and relation (never one per item)."""
    ids = list(ids)
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    ordered = [pages[pk] for pk in ids if pk in pages]
    by_type: dict[type, list[Page]] = defaultdict(list)
    for page in ordered:
        by_type[type(page)].append(page)
        if updated is not None:
            page.major_updated_at = updated.get(page.pk)
    for model, group in by_type.items():
        prepare = getattr(model, "prepare_search_batch", None)
        if prepare is not None:
            prepare(group)  # the originals of aliases (DisclosurePage)
        lookups = [lookup for name, lookup in _PREFETCH if _has_relation(model, name)]
        if lookups:
            prefetch_related_objects([_record(page) for page in group], *lookups)
    _attach_columns(ordered)
    return ordered


# What build_feed_item reads of a record, by the relation's name on the page model.
_PREFETCH = (
    ("attachments", "attachments__document"),
    ("organisation", "organisation"),
    ("topic", "topic__parent"),
)


def _has_relation(model: type, name: str) -> bool:
    """`model` has relation `name` (ServiceGuidePage's `topic` is a plain choice, not 主题分类)."""
    try:
        relation = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(relation.is_relation)


def _attach_columns(pages: list[Page]) -> None:
    """Each page's parent (its column), one query for all."""
    steplen = Page.steplen
    parent_paths = {page.path[:-steplen] for page in pages}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=parent_paths).only(
            "title", "url_path", "path", "depth"
        )
    }
    for page in pages:
        page.__dict__["_feed_column"] = parents.get(page.path[:-steplen])
