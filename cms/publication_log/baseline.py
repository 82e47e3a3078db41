"""Baseline entries (基线): one `baseline` entry for every live page the log has never recorded, so
the chain covers content published before the log existed. Written by migration 0002 with the
historical models and by `manage.py backfill_publication_log` with the current ones, through the
same code; running it again adds nothing for pages already in the log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cms.publication_log.hashing import GENESIS_HASH, content_hash, entry_hash

BASELINE_ACTION = "baseline"
BASELINE_NOTE = "启用发布记录时该页面已发布；首次发布时间为当时数据库中的记录。"
HEAD_PK = 1


def site_for_path(path: str, sites: list[tuple[int, str]]) -> int | None:
    matches = [(len(root), site_id) for site_id, root in sites if root and path.startswith(root)]
    return max(matches)[1] if matches else None


def record_baseline(
    *, page_model: Any, revision_model: Any, site_model: Any, entry_model: Any, head_model: Any
) -> int:
    """Append a baseline entry for each live page without any entry; returns how many."""
    sites = list(site_model.objects.values_list("id", "root_page__path"))
    unlogged = ~Exists(entry_model.objects.filter(page_id=OuterRef("pk")))
    pages = (
        page_model.objects.filter(live=True, depth__gt=1)
        .filter(unlogged)
        .order_by("path")
        .values(
            "pk",
            "title",
            "slug",
            "path",
            "content_type_id",
            "live_revision_id",
            "first_published_at",
        )
    )
    created = 0
    with transaction.atomic():
        head, _ = head_model.objects.select_for_update().get_or_create(
            pk=HEAD_PK, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
        )
        seq, previous = head.last_seq, head.last_hash
        now = timezone.now()
        for page in pages.iterator(chunk_size=1000):
            revision_id = page["live_revision_id"]
            content = None
            if revision_id is not None:
                content = (
                    revision_model.objects.filter(pk=revision_id)
                    .values_list("content", flat=True)
                    .first()
                )
            if content is None:
                content = {
                    "pk": page["pk"],
                    "title": page["title"],
                    "slug": page["slug"],
                    "content_type": page["content_type_id"],
                }
            seq += 1
            fields = {
                "seq": seq,
                "recorded_at": now,
                "action": BASELINE_ACTION,
                "page_id": page["pk"],
                "page_title": (page["title"] or "")[:255],
                "site_id": site_for_path(page["path"], sites),
                "revision_id": revision_id,
                "user_id": None,
                "username": "",
                "first_published_at": page["first_published_at"],
                "content_hash": content_hash(content),
                "previous_hash": previous,
                "note": BASELINE_NOTE,
            }
            digest = entry_hash(fields)
            entry_model.objects.create(**fields, entry_hash=digest)
            previous = digest
            created += 1
        if created:
            head.last_seq, head.last_hash, head.updated_at = seq, previous, now
            head.save(update_fields=["last_seq", "last_hash", "updated_at"])
    return created


def record_baseline_now() -> int:
    from wagtail.models import Page, Revision, Site

    from cms.publication_log.models import ChainHead, PublicationEntry

    return record_baseline(
        page_model=Page,
        revision_model=Revision,
        site_model=Site,
        entry_model=PublicationEntry,
        head_model=ChainHead,
    )
