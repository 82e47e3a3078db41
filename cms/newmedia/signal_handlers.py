"""Feeding the outbox from the one content-change signal (cms.pages.signals.content_changed, sent
inside the publishing transaction): a major update of a listable item writes its deliveries; an
item that left the public website (retracted, deleted, 不予公开) is taken back."""

from __future__ import annotations

from typing import Any

MAJOR = "major"


def on_content_changed(sender: Any, change: Any, **kwargs: Any) -> None:
    from cms.newmedia import outbox

    if not change.listable:
        outbox.record_retraction(change.content_id)
        return
    # Only a 重要更新 published now is news: minor edits, moves, reinstatements and back-dated
    # history (ContentChange.notify False) are not posted.
    if change.kind != MAJOR or not change.notify or change.page is None:
        return
    update = change.update
    revision_id = getattr(update, "revision_id", None) or change.page.latest_revision_id
    outbox.record_publication(
        change.page, content_id=change.content_id, revision_id=revision_id, site_id=change.site_id
    )


def connect() -> None:
    from cms.pages.signals import content_changed

    content_changed.connect(on_content_changed, dispatch_uid="newmedia.outbox")
