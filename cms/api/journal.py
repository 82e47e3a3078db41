"""The sync journal's writer: one `ChangeEntry` per content change of an API item, appended in
the transaction of the change from the one `content_changed` signal (CONTRACT-9). The journal
says *which* items changed and in what order; readers (cms/api/sync.py) resolve each item's
current state with the one listing rule when they read, so the journal never decides what the
public sees.

A change to a column or home (moved, unpublished, withdrawn, deleted, renamed) is written for
every API item below it: their URL, column or site changed with it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page

from cms.api.items import ITEM_TYPES
from cms.api.models import ChangeEntry, ChangeKind, JournalHead
from cms.pages.models import ColumnPage
from cms.pages.queries import listable_ids
from cms.pages.signals import content_changed
from cms.pages.updates import ChangeKind as ContentChangeKind
from cms.pages.updates import ContentChange
from sites.models import SiteProfile

API_MODELS = tuple(ITEM_TYPES.values())
# Kinds of change that affect the items below a non-item page.
SUBTREE_KINDS = frozenset(
    {
        ContentChangeKind.MOVED,
        ContentChangeKind.RETRACTED,
        ContentChangeKind.REINSTATED,
        ContentChangeKind.DELETED,
    }
)


def append(entries: Iterable[tuple[int, str, bool]], *, site_id: int | None, reason: str) -> int:
    """Append (page_id, content_id, listable) rows under the journal lock; returns the last seq.
    The lock on the head row is held until the surrounding transaction commits, so sequence
    numbers become visible in order (cms/api/models.py JournalHead)."""
    rows = list(entries)
    profile_id = (
        SiteProfile.objects.filter(site_id=site_id).values_list("pk", flat=True).first()
        if site_id is not None
        else None
    )
    with transaction.atomic():
        head = JournalHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # the migration's row was flushed (transactional tests)
            JournalHead.objects.get_or_create(pk=1)  # safe against a concurrent creator
            head = JournalHead.objects.select_for_update().get(pk=1)
        now = timezone.now()
        ChangeEntry.objects.bulk_create(
            ChangeEntry(
                seq=head.seq + offset,
                page_id=page_id,
                content_id=cid,
                site_id=profile_id,
                kind=ChangeKind.UPSERT if listable else ChangeKind.TOMBSTONE,
                reason=reason,
                created_at=now,
            )
            for offset, (page_id, cid, listable) in enumerate(rows, start=1)
        )
        head.seq += len(rows)
        JournalHead.objects.filter(pk=1).update(seq=head.seq)
    return head.seq


@receiver(content_changed)
def on_content_changed(sender: type[Page], change: ContentChange, **kwargs) -> None:
    page = change.page
    if issubclass(sender, API_MODELS):
        if page is not None and getattr(page, "alias_of_id", None):
            return  # an alias is the same record as its original, which the API serves
        rows = [
            (
                change.page_id,
                change.content_id,
                change.listable and change.kind != ContentChangeKind.DELETED,
            )
        ]
    elif page is not None and (change.kind in SUBTREE_KINDS or issubclass(sender, ColumnPage)):
        rows = _items_below(page, deleted=change.kind == ContentChangeKind.DELETED)
    else:
        return
    if rows:
        append(rows, site_id=change.site_id, reason=str(change.kind))


def _items_below(page: Page, *, deleted: bool) -> list[tuple[int, str, bool]]:
    items = list(
        Page.objects.type(*API_MODELS)
        .descendant_of(page)
        .filter(alias_of__isnull=True)
        .values_list("pk", "translation_key")
    )
    listable = set() if deleted else listable_ids(pk for pk, _ in items)
    # The content id of a page is its translation key (cms.pages.updates.content_id).
    return [(pk, str(key), pk in listable) for pk, key in items]
