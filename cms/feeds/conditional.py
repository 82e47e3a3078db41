"""Conditional GET for feeds: the validator (ETag and Last-Modified) of a feed comes from one
aggregate query over the feed's queryset, so a 304 is answered before any item is built."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from cms.pages.updates import with_update_dates

# Bumped when what a feed contains for the same pages changes (a new field in the items).
FEED_FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Validator:
    etag: str  # quoted, strong
    last_modified: dt.datetime | None


def feed_validator(queryset: QuerySet, *, key: str) -> Validator:
    """`key` names the feed and its format (host, path, query, format). The newest major update,
    the count and the newest PageUpdate of the rows change whenever an item arrives, leaves
    (withdrawn, unpublished, 不予公开) or is republished, even as a 一般修改 (its text changed
    though its place did not)."""
    row = with_update_dates(queryset).aggregate(
        newest=Max("major_updated_at"),
        count=Count("pk", distinct=True),
        marker=Max("updates__pk"),
    )
    newest = row["newest"]
    raw = f"{FEED_FORMAT_VERSION}|{key}|{newest.isoformat() if newest else ''}|{row['count']}|{row['marker']}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return Validator(etag=f'"{digest}"', last_modified=newest)
