"""The API's items (articles and disclosures): the listable base queryset, its filters, and the
hydration of a page of ids into `ItemOut` data with a fixed number of queries, whatever the page
size (one query per page kind, its attachments, the columns; the sites once per request).

Which pages exist for the public is never decided here: the base is `publicly_listable()`, the
one listing rule (cms.pages.queries; docs/adr/0004)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cms.api.scope import Scope, SiteInfo, site_of, within
from cms.disclosure.models import DisclosurePage
from cms.pages.models import ArticlePage, ColumnPage
from cms.pages.queries import publicly_listable
from cms.pages.updates import content_id, with_update_dates

ITEM_TYPES: dict[str, type[Page]] = {"article": ArticlePage, "disclosure": DisclosurePage}
# What an item reads (pages are wide rows: loading only these halves a sync page's time).
PAGE_FIELDS = (
    "id", "title", "path", "depth", "url_path", "translation_key", "content_type_id",
    "first_published_at", "last_published_at", "live",
)  # fmt: skip
DISCLOSURE_FIELDS = (
    "summary", "body", "keywords", "index_number", "document_number", "written_date",
    "category", "genre", "validity", "regulatory_kind", "effective_date", "expiry_date",
    "repeal_date", "organisation__name", "organisation__site__site_code", "topic__name",
    "topic__parent__name",
)  # fmt: skip


def listable_items(types: Iterable[str] = ITEM_TYPES) -> QuerySet[Page]:
    """Publicly listable pages of the API's kinds. An alias (a disclosure shown on another
    site) is the same record as its original, which the API serves once, under its own site."""
    models = [ITEM_TYPES[name] for name in types]
    return publicly_listable().type(*models).filter(alias_of__isnull=True)


def filtered(
    queryset: QuerySet[Page],
    scope: Scope,
    *,
    column: Page | None = None,
    category: str | None = None,
    organisation: int | None = None,
    topic: int | None = None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> QuerySet[Page]:
    queryset = within(queryset, scope)
    if column is not None:
        queryset = queryset.descendant_of(column)
    disclosure_filter = Q()
    if category:
        disclosure_filter &= Q(category=category)
    if organisation is not None:
        disclosure_filter &= Q(organisation_id=organisation)
    if topic is not None:
        disclosure_filter &= Q(topic_id=topic) | Q(topic__parent_id=topic)
    if disclosure_filter:
        queryset = queryset.filter(
            pk__in=DisclosurePage.objects.filter(disclosure_filter).values("pk")
        )
    if published_from is not None:
        queryset = queryset.filter(first_published_at__gte=_day_start(published_from))
    if published_to is not None:
        queryset = queryset.filter(
            first_published_at__lt=_day_start(published_to + dt.timedelta(days=1))
        )
    return queryset


def _day_start(day: dt.date) -> dt.datetime:
    # Dates are days in Asia/Shanghai, the cluster's time zone (STANDARDS.md §3).
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def hydrate(request: HttpRequest, page_ids: list[int]) -> dict[int, dict[str, Any]]:
    """`ItemOut` data of the given pages, keyed by page id (pages not of the API kinds are
    left out)."""
    if not page_ids:
        return {}
    articles = list(
        with_update_dates(ArticlePage.objects.filter(pk__in=page_ids)).only(
            *PAGE_FIELDS, "summary", "body", "keywords", "source", "author"
        )
    )
    disclosures = list(
        with_update_dates(DisclosurePage.objects.filter(pk__in=page_ids))
        .select_related("organisation__site", "topic__parent")
        .only(*PAGE_FIELDS, *DISCLOSURE_FIELDS)
    )
    # Each kind has its own attachment model: one prefetch (two queries) per kind.
    prefetch_related_objects(articles, "attachments__document")
    prefetch_related_objects(disclosures, "attachments__document")
    pages: list[Page] = [*articles, *disclosures]
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    columns = {
        column.path: column
        for column in ColumnPage.objects.filter(path__in=parent_paths).only(
            "id", "title", "path", "url_path", "translation_key"
        )
    }
    result = {}
    for page in pages:
        site = site_of(request, page.path)
        if site is None:
            continue
        result[page.pk] = _item(page, site, columns.get(page.path[: -Page.steplen]))
    return result


def _item(page: Page, site: SiteInfo, column: ColumnPage | None) -> dict[str, Any]:
    is_disclosure = isinstance(page, DisclosurePage)
    if is_disclosure:
        source = page.organisation.name if page.organisation_id else ""
    else:
        source = page.source
    return {
        "id": content_id(page),
        "type": "disclosure" if is_disclosure else "article",
        "title": page.title,
        "url": site.page_url(page.url_path),
        "site": site_out(site),
        "column": column_out(column, site) if column is not None else None,
        "summary": page.summary,
        # The body was cleaned by cms.core sanitize_html when it was saved; expanding resolves
        # Wagtail's internal link and image references to public URLs.
        "content": expand_db_html(page.body),
        "source": source,
        "author": "" if is_disclosure else page.author,
        "keywords": page.keywords,
        "published_at": _local(page.first_published_at),
        "updated_at": _local(getattr(page, "major_updated_at", None) or page.last_published_at),
        "attachments": [
            {
                "title": attachment.display_title,
                "url": site.root_url + attachment.document.url,
                "size": attachment.document.file_size,
            }
            for attachment in page.attachments.all()
        ],
        "disclosure": _disclosure(page) if is_disclosure else None,
    }


def _disclosure(page: DisclosurePage) -> dict[str, Any]:
    organisation = page.organisation if page.organisation_id else None
    topic = page.topic if page.topic_id else None
    return {
        "index_number": page.index_number,
        "document_number": page.document_number,
        "written_date": page.written_date,
        "published_date": timezone.localdate(page.first_published_at)
        if page.first_published_at
        else None,
        "organisation": organisation_out(organisation) if organisation else None,
        "topic": topic_out(topic) if topic else None,
        "genre": page.genre,
        "validity": page.validity,
        "category": {"slug": page.category, "title": page.category_title}
        if page.category
        else None,
        "regulatory_kind": page.regulatory_kind,
        "effective_date": page.effective_date,
        "expiry_date": page.expiry_date,
        "repeal_date": page.repeal_date,
    }


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment) if moment else None


def site_out(site: SiteInfo) -> dict[str, str]:
    return {"code": site.code, "name": site.name, "host": site.host, "url": site.root_url + "/"}


def column_out(column: Page, site: SiteInfo) -> dict[str, str]:
    return {"id": content_id(column), "title": column.title, "url": site.page_url(column.url_path)}


def organisation_out(organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name, "site": organisation.site.site_code}


def topic_out(topic) -> dict[str, Any]:
    return {"id": topic.pk, "name": topic.name, "label": topic.path_label}
