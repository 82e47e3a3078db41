"""Turn Wagtail's page signals and ours into update records and one `content_changed` each
(cms.pages.updates). Connected in PagesConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.models import BasePage
from cms.core.update_kinds import UpdateKind
from cms.pages.signals import page_reinstated, page_withdrawn
from cms.pages.updates import ChangeKind, announce, is_back_dated, record_publication

DISPATCH_PREFIX = "jiyue.pages.updates."


def _is_jiyue_page(instance: Any) -> bool:
    return isinstance(instance, BasePage)


def on_published(sender: Any, instance: Any, revision=None, **kwargs: Any) -> None:
    if not _is_jiyue_page(instance):
        return
    user = getattr(revision, "user", None) if revision is not None else None
    update = record_publication(instance, revision, user=user)
    major = update.kind == UpdateKind.MAJOR
    announce(
        instance,
        ChangeKind.MAJOR if major else ChangeKind.MINOR,
        update=update,
        notify=major and not is_back_dated(instance, update),
    )


def on_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_jiyue_page(instance):
        announce(instance, ChangeKind.RETRACTED)


def on_withdrawn(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_jiyue_page(instance):
        announce(instance, ChangeKind.RETRACTED)


def on_reinstated(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_jiyue_page(instance):
        announce(instance, ChangeKind.REINSTATED)


def on_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    specific = instance.specific  # Wagtail sends the moved page as a plain Page
    if _is_jiyue_page(specific):
        announce(specific, ChangeKind.MOVED)


def on_pre_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Sent once per model of the inheritance chain; the specific class (a BasePage) speaks.
    if _is_jiyue_page(instance) and not kwargs.get("raw"):
        announce(instance, ChangeKind.DELETED, deleted=True)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid=f"{DISPATCH_PREFIX}published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{DISPATCH_PREFIX}unpublished")
    page_withdrawn.connect(on_withdrawn, dispatch_uid=f"{DISPATCH_PREFIX}withdrawn")
    page_reinstated.connect(on_reinstated, dispatch_uid=f"{DISPATCH_PREFIX}reinstated")
    post_page_move.connect(on_moved, dispatch_uid=f"{DISPATCH_PREFIX}moved")
    pre_delete.connect(on_pre_delete, dispatch_uid=f"{DISPATCH_PREFIX}pre_delete")
