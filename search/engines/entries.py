"""SQL on the embedded engine's entry table shared by its SQLite and PostgreSQL paths: filter
conditions, the facet columns and their counting, and the shape both paths answer in."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from search.models import IndexEntry, IndexText
from search.query import KEYWORD_FILTERS, SearchRequest, facet_values

TABLE = IndexEntry._meta.db_table
TEXT_TABLE = IndexText._meta.db_table
# Facet counts are exact up to this many matches; past that they are counted over a sample.
FACET_EXACT_LIMIT = 2000
FACET_COLUMNS = ("site_code", "column_type", "content_type", "organisation", "topic", "genre")
FACET_COLUMNS += ("year", "validity")
# What a facet row holds, in this order: the facet columns, then the site's display name.
FACET_SELECT = ", ".join(f"e.{column}" for column in (*FACET_COLUMNS, "site_name"))
LATEST_ORDER = "e.published_at DESC, e.id DESC"


@dataclass
class ResultPage:
    """The page of hits (entry ids, best first), the exact total, and the facet rows counted."""

    ids: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    total: int = 0
    facet_rows: list[tuple] = field(default_factory=list)

    @property
    def sampled(self) -> int | None:
        """How many matches the facets were counted over, when that is fewer than all."""
        return len(self.facet_rows) if len(self.facet_rows) < self.total else None


def in_clause(column: str, values: list[Any]) -> str:
    if not values:
        return "1 = 0"
    return f"{column} IN (" + ",".join(["%s"] * len(values)) + ")"


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def date_conditions(request: SearchRequest) -> tuple[list[str], list[Any]]:
    """Date-range conditions on the entry table `e` (the filters that cannot be tags). Bounds are
    local midnights converted as the ORM stores datetimes (naive UTC text on SQLite), since raw
    SQL compares them as stored."""
    conditions: list[str] = []
    params: list[Any] = []
    if request.date_from is not None:
        conditions.append("e.published_at >= %s")
        params.append(_bound(request.date_from))
    if request.date_to is not None:
        conditions.append("e.published_at < %s")
        params.append(_bound(request.date_to + dt.timedelta(days=1)))
    return conditions, params


def _bound(day: dt.date) -> Any:
    return connection.ops.adapt_datetimefield_value(start_of(day))


def filter_conditions(
    request: SearchRequest, keyword: Callable[[str], str] = "e.{}".format, tagged: bool = False
) -> tuple[list[str], list[Any]]:
    """The filters of a request as conditions on the entry table `e`: all of them, or (`tagged`)
    all but site and year, matched as tags instead (search.engines.fulltext.VECTOR_TAGS).
    `keyword` spells the column of a keyword filter."""
    conditions: list[str] = []
    params: list[Any] = []
    if request.site_ids is not None and not tagged:
        conditions.append(in_clause("e.site_id", request.site_ids))
        params.extend(request.site_ids)
    for name in KEYWORD_FILTERS:
        values = request.filters.get(name)
        if values:
            conditions.append(in_clause(keyword(name), values))
            params.extend(values)
    if request.year is not None and not tagged:
        conditions.append("e.year = %s")
        params.append(request.year)
    dates, date_params = date_conditions(request)
    return conditions + dates, params + date_params


def count_facets(rows: list[tuple]) -> dict:
    """Facet buckets of the facet rows; the rows are transposed so Counter (C) does the counting:
    a sample of thousands of rows costs a few milliseconds, not a Python loop per value."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(FACET_COLUMNS) + 1)
    site_names = dict(zip(columns[0], columns[-1], strict=True))
    return {
        "site" if name == "site_code" else name: facet_values(
            Counter(values), site_names if name == "site_code" else None
        )
        for name, values in zip(FACET_COLUMNS, columns, strict=False)
    }
