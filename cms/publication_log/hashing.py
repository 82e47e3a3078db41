"""The chain's hashing rules, as pure functions: the canonical serialisation of published content
and of a log entry, and their SHA-256 digests. The verifier, the writer and the data migration all
hash through this module, and the CSV export's verification note describes exactly these rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

HASH_VERSION = 1
# The previous-entry hash of the first entry of the chain.
GENESIS_HASH = "0" * 64

# Page state Wagtail stores in a revision beside the content: where the page sits in the tree,
# whether it is live or locked, its comments. They change without the published content changing,
# so they are left out of the content hash (the first publication time is logged in its own field).
NON_CONTENT_KEYS = frozenset(
    {
        "live",
        "has_unpublished_changes",
        "latest_revision",
        "live_revision",
        "latest_revision_created_at",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "path",
        "depth",
        "numchild",
        "url_path",
        "wagtail_admin_comments",
    }
)

# The fields of an entry that its hash covers, in this order (documented in the export note).
ENTRY_FIELDS = (
    "seq",
    "recorded_at",
    "action",
    "page_id",
    "page_title",
    "site_id",
    "revision_id",
    "user_id",
    "username",
    "first_published_at",
    "content_hash",
    "previous_hash",
    "note",
)


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no whitespace: the same data gives the same bytes on every
    run and every database."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    ).encode("utf-8")


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of a revision's content (`Revision.content`, or `Page.serializable_data()` for a page
    that went live without a revision) without the page-state keys."""
    # A round trip through JSON makes datetimes, decimals and UUIDs the strings a revision holds.
    plain = json.loads(canonical_json(dict(content)))
    filtered = {key: value for key, value in plain.items() if key not in NON_CONTENT_KEYS}
    return hashlib.sha256(canonical_json(filtered)).hexdigest()


def format_time(value: dt.datetime | None) -> str | None:
    """UTC with microseconds and a Z: how times enter an entry's hash."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_payload(fields: Mapping[str, Any]) -> bytes:
    """The bytes an entry's hash is taken over: `[version, field1, field2, …]` as canonical JSON."""
    values: list[Any] = [HASH_VERSION]
    for name in ENTRY_FIELDS:
        value = fields[name]
        if isinstance(value, dt.datetime):
            value = format_time(value)
        values.append(value)
    return canonical_json(values)


def entry_hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(entry_payload(fields)).hexdigest()
