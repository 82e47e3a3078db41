"""Follow every change of what the public sees (`cms.pages.signals.content_changed`: publish,
unpublish, 撤稿, reinstatement, move, delete) with a publish job, and a move also with the lists
of the place the page left (Wagtail's `post_page_move` says where that was)."""

from __future__ import annotations

from typing import Any

from wagtail.signals import post_page_move

from cms.pages.signals import content_changed
from cms.pages.updates import ChangeKind, ContentChange
from cms.staticsite import dependents, jobs

DISPATCH_PREFIX = "jiyue.staticsite."


def on_content_changed(sender: Any, change: ContentChange, **kwargs: Any) -> None:
    if change.page is None or not jobs.following_changes():
        return
    targets = dependents.of_change(change.page, subtree=change.kind == ChangeKind.MOVED)
    jobs.enqueue(f"{change.kind}:{change.page_id}", targets)


def on_moved(sender: Any, instance: Any, parent_page_before=None, **kwargs: Any) -> None:
    if parent_page_before is None or not jobs.following_changes():
        return
    specific = instance.specific
    targets = dependents.of_change(specific, old_parent=parent_page_before)
    jobs.enqueue(f"moved-from:{instance.pk}", targets)


def connect() -> None:
    content_changed.connect(on_content_changed, dispatch_uid=f"{DISPATCH_PREFIX}changed")
    post_page_move.connect(on_moved, dispatch_uid=f"{DISPATCH_PREFIX}moved")
