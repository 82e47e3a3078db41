"""Publishing a page from code: the one function import, provisioning, the demo loader and the
factories call (DESIGN.md, "One function publishes a page from code"). It adds the page to the
tree if it is new, saves a revision and publishes that revision, so a page published by code
has a revision history, a log entry, and sends `page_published` exactly like a page a moderator
publishes: search indexing (and later the outbox and the publication log) follow by themselves.

Publish dates are set by the system. Only code that carries another system's record of
publication (a legacy import, the demo cluster's history) may give `first_published_at`, and
only for a page's first publication: history is never rewritten, and never dated in the future."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.core.update_kinds import PENDING_INTENT_ATTR, UpdateIntent

P = TypeVar("P", bound=Page)

PUBLISH_ACTION = "wagtail.publish"


class PublishingError(ValueError):
    """A page that cannot be published this way; the message is for the operator, in Chinese."""


def publish_page(
    page: P,
    *,
    parent: Page | None = None,
    user=None,
    first_published_at: dt.datetime | None = None,
    log_action: str | bool = PUBLISH_ACTION,
    update_kind: str | None = None,
    change_note: str = "",
) -> P:
    """Publish `page` (adding it below `parent` first when it is new) through a revision.

    `first_published_at` back-dates a first publication (both 发布日期 and last publication, as
    the source system recorded them); it is refused for a page published before and for a
    moment in the future. `update_kind` (cms.core.update_kinds.UpdateKind) declares a later
    publication a 一般修改 or 重要更新 as an editor would; without it, code publishes 重要更新 (a
    first publication always is one). Returns `page`, refreshed from the database (live, 索引号 issued…)."""
    if first_published_at is not None:
        _check_back_date(page, first_published_at)
    with transaction.atomic():
        if parent is not None:
            if page.pk is not None:
                raise PublishingError(f"页面“{page.title}”已在页面树中，不能再次添加。")
            page.live = False
            page.first_published_at = first_published_at
            page.last_published_at = None
            # The publishing save below updates Wagtail's reference index; the draft saves
            # before it need not (each would queue its own reference-index task).
            with disable_reference_index_auto_update():
                parent.add_child(instance=page)  # saved, validated and logged as created
        elif page.pk is None:
            raise PublishingError(f"新页面“{page.title}”必须指定上级页面（parent）。")
        elif first_published_at is not None:
            type(page).objects.filter(pk=page.pk).update(first_published_at=first_published_at)
            page.first_published_at = first_published_at
        if update_kind is not None:
            setattr(page, PENDING_INTENT_ATTR, UpdateIntent(update_kind, change_note))
        # A new page was validated when it was added; an existing one is validated here.
        with disable_reference_index_auto_update():
            revision = page.save_revision(user=user, clean=parent is None, log_action=False)
        revision.publish(user=user, log_action=log_action, skip_permission_checks=True)
        if first_published_at is not None:
            Page.objects.filter(pk=page.pk).update(last_published_at=first_published_at)
    page.refresh_from_db()
    return page


def _check_back_date(page: Page, moment: dt.datetime) -> None:
    if timezone.is_naive(moment):
        raise PublishingError("首次发布时间必须带时区。")
    if moment > timezone.now():
        raise PublishingError("首次发布时间不能晚于当前时间。")
    if page.pk is not None and (
        Page.objects.filter(pk=page.pk, first_published_at__isnull=False).exists()
    ):
        raise PublishingError(f"页面“{page.title}”已发布过，不能改写其首次发布时间。")
