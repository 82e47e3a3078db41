"""Writing the log: `append_entry` extends the chain under a lock on its head, and the receivers
below call it for every change of a page's public state.

Publishing and unpublishing are recorded from the page's own `pre_save`/`post_save`, not from
Wagtail's `page_published`/`page_unpublished`: Wagtail sends those after `Page.save()` has returned,
and the admin's publish and unpublish views run without a surrounding transaction, so an entry
written there would be committed separately from the state change it records. `Page.save()` is
atomic and its save signals run inside it, so an entry written from them commits or rolls back
with the page row. Withdrawal and reinstatement signals are sent inside their own transaction;
deleting a live page is recorded from `pre_delete`, inside the deletion's transaction.

The same `pre_save` keeps a page's first publication time once it is set (伪造发稿日期): a changed
value is restored before the row is written and the attempt is logged."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision, Site

from cms.pages.signals import page_reinstated, page_withdrawn
from cms.publication_log.baseline import site_for_path
from cms.publication_log.hashing import GENESIS_HASH, content_hash, entry_hash, format_time
from cms.publication_log.models import BACKDATING_RULE, Action, ChainHead, PublicationEntry

logger = logging.getLogger("jiyue")

DISPATCH_PREFIX = "jiyue.publication_log."
# The fields whose change can be a change of public state; a save limited to other fields
# (Wagtail's save_revision, for one) needs no look at the stored row.
STATE_FIELDS = frozenset({"live", "live_revision", "last_published_at", "first_published_at"})
BEFORE_ATTR = "_publication_log_before"
_MISSING = object()
REFUSED_ATTR = "_publication_log_refused_date"


@dataclass(frozen=True)
class StoredState:
    live: bool
    live_revision_id: int | None
    last_published_at: Any
    first_published_at: Any


def site_id_for_page(page: Page) -> int | None:
    """The Wagtail site whose root is the page or its nearest ancestor."""
    return site_for_path(page.path, list(Site.objects.values_list("id", "root_page__path")))


def _lock_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=ChainHead.HEAD_PK).first()
    if head is not None:
        return head
    # The head row comes with the migration; a flushed test database or a deleted row starts it
    # again from the last entry, so the chain continues rather than restarting at genesis.
    last = PublicationEntry.objects.order_by("-seq").values("seq", "entry_hash").first()
    try:
        with transaction.atomic():
            ChainHead.objects.create(
                pk=ChainHead.HEAD_PK,
                last_seq=last["seq"] if last else 0,
                last_hash=last["entry_hash"] if last else GENESIS_HASH,
            )
    except IntegrityError:
        pass  # another writer created it first
    return ChainHead.objects.select_for_update().get(pk=ChainHead.HEAD_PK)


def append_entry(
    *,
    action: str,
    page: Page,
    revision_id: int | None,
    content_digest: str,
    user_id: int | None,
    username: str,
    site_id: int | None = None,
    note: str = "",
    recorded_at=None,
) -> PublicationEntry:
    """Append one entry after the current head. Runs in the caller's transaction (a savepoint if
    there is none), holding the head row's lock until that transaction ends."""
    with transaction.atomic():
        head = _lock_head()
        fields = {
            "seq": head.last_seq + 1,
            "recorded_at": recorded_at or timezone.now(),
            "action": action,
            "page_id": page.pk,
            "page_title": (page.title or "")[:255],
            "site_id": site_id if site_id is not None else site_id_for_page(page),
            "revision_id": revision_id,
            "user_id": user_id,
            "username": username[:150],
            "first_published_at": page.first_published_at,
            "content_hash": content_digest,
            "previous_hash": head.last_hash,
            "note": note,
        }
        entry = PublicationEntry(**fields, entry_hash=entry_hash(fields))
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.updated_at = fields["recorded_at"]
        head.save(update_fields=["last_seq", "last_hash", "updated_at"])
    return entry


def published_content_hash(page: Page, revision_id: int | None) -> str:
    """Hash of the live revision's content; a page that went live without a revision (created
    with `live=True`) is hashed from its own serialisation."""
    if revision_id is not None:
        content = Revision.objects.filter(pk=revision_id).values_list("content", flat=True).first()
        if content is not None:
            return content_hash(content)
    return content_hash(page.specific_deferred.serializable_data())


def _user_from_context(fallback_id: int | None = None) -> tuple[int | None, str]:
    """The admin user of the current request (Wagtail's log context), else `fallback_id`."""
    from django.contrib.auth import get_user_model

    user = get_active_log_context().user
    if user is not None and getattr(user, "pk", None):
        return user.pk, user.get_username()
    if fallback_id is None:
        return None, ""
    username = (
        get_user_model()
        .objects.filter(pk=fallback_id)
        .values_list(get_user_model().USERNAME_FIELD, flat=True)
        .first()
    )
    return fallback_id, username or ""


# --- publish / unpublish, and the first-publication-date guard -------------------------------


def on_page_pre_save(sender: Any, instance: Any, raw: bool = False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if instance._state.adding or instance.pk is None:
        setattr(instance, BEFORE_ATTR, None)
        return
    if update_fields is not None and not (set(update_fields) & STATE_FIELDS):
        return
    row = (
        Page.objects.filter(pk=instance.pk)
        .values("live", "live_revision_id", "last_published_at", "first_published_at")
        .first()
    )
    if row is None:
        setattr(instance, BEFORE_ATTR, None)
        return
    before = StoredState(**row)
    setattr(instance, BEFORE_ATTR, before)
    stored = before.first_published_at
    if stored is not None and instance.first_published_at != stored:
        # BACKDATING_RULE (伪造发稿日期): the first publication time is the system's, set once.
        setattr(instance, REFUSED_ATTR, instance.first_published_at)
        instance.first_published_at = stored


def on_page_post_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if not hasattr(instance, BEFORE_ATTR):
        return
    before: StoredState | None = instance.__dict__.pop(BEFORE_ATTR)
    refused = instance.__dict__.pop(REFUSED_ATTR, _MISSING)
    if refused is not _MISSING:
        user_id, username = _user_from_context()
        append_entry(
            action=Action.DATE_REFUSED,
            page=instance,
            revision_id=instance.live_revision_id,
            content_digest=published_content_hash(instance, instance.live_revision_id),
            user_id=user_id,
            username=username,
            note=(
                f"试图将首次发布时间改为 {format_time(refused) or '空值'}，已保留原值"
                f"（{BACKDATING_RULE}）。"
            ),
        )
        logger.warning("Refused a change of first_published_at on page %s", instance.pk)
    was_live = bool(before and before.live)
    if instance.live and (
        not was_live
        or before.live_revision_id != instance.live_revision_id
        or before.last_published_at != instance.last_published_at
    ):
        revision_id = instance.live_revision_id
        author_id = None
        if revision_id is not None:
            author_id = (
                Revision.objects.filter(pk=revision_id).values_list("user_id", flat=True).first()
            )
        user_id, username = _user_from_context(author_id)
        append_entry(
            action=Action.PUBLISH,
            page=instance,
            revision_id=revision_id,
            content_digest=published_content_hash(instance, revision_id),
            user_id=user_id,
            username=username,
        )
    elif was_live and not instance.live:
        user_id, username = _user_from_context()
        append_entry(
            action=Action.UNPUBLISH,
            page=instance,
            revision_id=before.live_revision_id,
            content_digest=published_content_hash(instance, before.live_revision_id),
            user_id=user_id,
            username=username,
        )


def on_page_pre_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Deleting a live page takes it off the public site: logged like an unpublish, inside the
    deletion's transaction (Django's collector deletes atomically)."""
    # A page's base `Page` row and its specific row are both deleted: react once, to the base row.
    if type(instance) is not Page or not instance.live:
        return
    user_id, username = _user_from_context()
    append_entry(
        action=Action.DELETE,
        page=instance,
        revision_id=instance.live_revision_id,
        content_digest=published_content_hash(instance, instance.live_revision_id),
        user_id=user_id,
        username=username,
    )


# --- withdrawal (撤稿) and reinstatement ------------------------------------------------------


def _withdrawal_user(page: Page, action: str) -> tuple[int | None, str]:
    """Who withdrew or reinstated: the Wagtail log entry `cms.pages.withdrawal` just wrote in this
    transaction (it is written before the signal), else the request's user."""
    user_id = (
        PageLogEntry.objects.filter(page_id=page.pk, action=action)
        .order_by("-pk")
        .values_list("user_id", flat=True)
        .first()
    )
    return _user_from_context(user_id)


def _on_withdrawal_change(instance: Page, action: str, wagtail_action: str) -> None:
    user_id, username = _withdrawal_user(instance, wagtail_action)
    revision_id = instance.live_revision_id
    append_entry(
        action=action,
        page=instance,
        revision_id=revision_id,
        content_digest=published_content_hash(instance, revision_id),
        user_id=user_id,
        username=username,
    )


def on_page_withdrawn(sender: Any, instance: Page, **kwargs: Any) -> None:
    from cms.pages.withdrawal import WITHDRAW_ACTION

    _on_withdrawal_change(instance, Action.WITHDRAW, WITHDRAW_ACTION)


def on_page_reinstated(sender: Any, instance: Page, **kwargs: Any) -> None:
    from cms.pages.withdrawal import REINSTATE_ACTION

    _on_withdrawal_change(instance, Action.REINSTATE, REINSTATE_ACTION)


def connect() -> None:
    pre_save.connect(on_page_pre_save, dispatch_uid=f"{DISPATCH_PREFIX}pre_save")
    post_save.connect(on_page_post_save, dispatch_uid=f"{DISPATCH_PREFIX}post_save")
    pre_delete.connect(on_page_pre_delete, dispatch_uid=f"{DISPATCH_PREFIX}pre_delete")
    page_withdrawn.connect(on_page_withdrawn, dispatch_uid=f"{DISPATCH_PREFIX}withdrawn")
    page_reinstated.connect(on_page_reinstated, dispatch_uid=f"{DISPATCH_PREFIX}reinstated")
