"""Major and minor updates, content ids, and the one content-change signal (DESIGN.md: "unpublish /
withdraw / move / delete → the same fan-out").

Every publication of a page writes a `PageUpdate` (kind, note, moment, user) and refreshes its
`PageUpdateSummary` (更新时间 moves only on a 重要更新). Every change of what the public can see —
a publish, an unpublish, a 撤稿 or its reversal, a move, a delete — is announced once, as a
`ContentChange` on `content_changed`, inside the transaction that made it; feeds, the app API
and the new-media outbox follow that one signal instead of each listening to five."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Coalesce
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from cms.core.update_kinds import UpdateIntent, UpdateKind
from cms.pages.models import PageUpdate, PageUpdateIntent, PageUpdateSummary
from cms.pages.queries import is_publicly_listable
from cms.pages.signals import content_changed

Q_ = TypeVar("Q_", bound=QuerySet)

MAJOR_UPDATE_ACTION = "jiyue.update.major"
MINOR_UPDATE_ACTION = "jiyue.update.minor"


class ChangeKind(StrEnum):
    MAJOR = "major"  # published as a 重要更新 (every first publication is one)
    MINOR = "minor"  # published as a 一般修改
    RETRACTED = "retracted"  # unpublished or withdrawn (撤稿)
    REINSTATED = "reinstated"  # a 撤稿 reversed
    MOVED = "moved"  # moved in the tree: its URL changed
    DELETED = "deleted"  # about to be deleted (sent for each page of a deleted subtree)


@dataclass(frozen=True)
class ContentChange:
    """One change of a page as the public sees it.

    `listable` is the one publicly-listable rule (cms.pages.queries) evaluated AFTER the change:
    a publish that makes a disclosure 不予公开 arrives as a publish with `listable=False`, and every
    consumer treats `listable=False` as "gone from public". `notify` is True only for a 重要更新
    published now: a back-dated publication (an import, the demo's history) is history, not news,
    and the channels are not told."""

    page_id: int
    content_id: str
    kind: ChangeKind
    listable: bool
    notify: bool
    page: Page | None
    update: PageUpdate | None
    site_id: int | None


def content_id(page: Page) -> str:
    """The page's stable content id: Wagtail's translation key, unchanged by moves and renames."""
    return str(page.translation_key)


def with_update_dates(queryset: Q_) -> Q_:
    """`queryset` with `major_updated_at` (更新时间) on every row; pages last published before
    update kinds were recorded fall back to their last publication."""
    return queryset.annotate(
        major_updated_at=Coalesce(
            F("update_summary__major_updated_at"),
            F("last_published_at"),
            F("first_published_at"),
            output_field=DateTimeField(),
        )
    )


def record_intent(revision: Revision, intent: UpdateIntent) -> None:
    """Keep the editor's declared kind for `revision` until it is published."""
    PageUpdateIntent.objects.update_or_create(
        revision=revision, defaults={"kind": intent.kind, "change_note": intent.change_note}
    )


def is_back_dated(page: Page, update: PageUpdate) -> bool:
    """A first publication dated before the moment it happened (publish_page's back-dating)."""
    return update.published_at != page.last_published_at


def record_publication(page: Page, revision: Revision | None, user=None) -> PageUpdate:
    """Record the publication of `revision` of `page` (called from `page_published`).

    A page's first publication is always major; later ones take the kind declared for the
    revision, and a revision published from code without a declaration is major too. A first
    publication carrying an earlier 发布日期 (publish_page's back-dating) is dated then."""
    summary = PageUpdateSummary.objects.filter(page_id=page.pk).first()
    intent = (
        PageUpdateIntent.objects.filter(revision=revision).first() if revision is not None else None
    )
    kind = UpdateKind.MAJOR if summary is None or intent is None else intent.kind
    if page.alias_of_id and summary is not None and revision is not None:
        # A shared copy (cms.sharing) is updated with its original's revision: same kind.
        original = PageUpdate.objects.filter(page_id=page.alias_of_id, revision=revision).first()
        kind = original.kind if original is not None else kind
    moment = page.last_published_at
    if summary is None and page.first_published_at and page.first_published_at < moment:
        moment = page.first_published_at
    update = PageUpdate.objects.create(
        page_id=page.pk,
        revision=revision,
        content_id=page.translation_key,
        kind=kind,
        change_note=intent.change_note if intent else "",
        published_at=moment,
        user=user if getattr(user, "pk", None) else None,
    )
    if summary is None:
        PageUpdateSummary.objects.create(
            page_id=page.pk,
            content_id=page.translation_key,
            major_updated_at=moment,
            last_updated_at=moment,
            last_kind=kind,
        )
    else:
        summary.last_updated_at = moment
        summary.last_kind = kind
        if kind == UpdateKind.MAJOR:
            summary.major_updated_at = moment
        summary.save()
    if intent is not None:
        intent.delete()
    action = MAJOR_UPDATE_ACTION if kind == UpdateKind.MAJOR else MINOR_UPDATE_ACTION
    log(instance=page, action=action, user=update.user, data={"change_note": update.change_note})
    return update


def site_id_of(page: Page) -> int | None:
    site = page.get_site()
    return site.pk if site is not None else None


def announce(
    page: Page,
    kind: ChangeKind,
    *,
    update: PageUpdate | None = None,
    notify: bool = False,
    deleted: bool = False,
) -> ContentChange:
    """Send `content_changed` for `page` (a specific instance) and return what was sent."""
    change = ContentChange(
        page_id=page.pk,
        content_id=content_id(page),
        kind=kind,
        listable=False if deleted else is_publicly_listable(page),
        notify=notify,
        page=page,
        update=update,
        site_id=site_id_of(page),
    )
    content_changed.send(sender=type(page), change=change)
    return change
