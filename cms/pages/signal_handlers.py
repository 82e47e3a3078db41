"""Turn Wagtail's page signals and ours into update records and one `content_changed` each
(cms.pages.updates). Connected in PagesConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
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
    if revision is not None and revision.approved_go_live_at is not None:
        return  # only scheduled (发布时间 ahead): recorded when it goes live (cms.review.scheduling)
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


def on_restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    """A view restriction (password, login, groups) added to or lifted from a page changes what
    the public sees of it and of everything below it: announce each item of the subtree."""
    if kwargs.get("raw"):
        return
    created = kwargs.get("created")
    if created is False:  # an edited restriction (a new password) changes no visibility
        return
    # post_save: the row is written; post_delete: it is gone. Either way the listable rule, run
    # inside the same transaction, reads the new state.
    kind = ChangeKind.RETRACTED if created else ChangeKind.REINSTATED
    root = Page.objects.filter(pk=instance.page_id).first()
    if root is None:
        return
    for page in Page.objects.descendant_of(root, inclusive=True).specific().iterator():
        if _is_jiyue_page(page) and getattr(page, "is_column_item", False):
            announce(page, kind)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid=f"{DISPATCH_PREFIX}published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{DISPATCH_PREFIX}unpublished")
    page_withdrawn.connect(on_withdrawn, dispatch_uid=f"{DISPATCH_PREFIX}withdrawn")
    page_reinstated.connect(on_reinstated, dispatch_uid=f"{DISPATCH_PREFIX}reinstated")
    post_page_move.connect(on_moved, dispatch_uid=f"{DISPATCH_PREFIX}moved")
    pre_delete.connect(on_pre_delete, dispatch_uid=f"{DISPATCH_PREFIX}pre_delete")
    post_save.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=f"{DISPATCH_PREFIX}restriction_saved",
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=f"{DISPATCH_PREFIX}restriction_deleted",
    )
