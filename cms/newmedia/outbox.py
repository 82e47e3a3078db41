"""Writing the outbox: which accounts an item goes to (routing), one entry per account and item
version written in the publishing transaction, retractions (a WeChat delete, or a manual-removal
task where the platform cannot delete), and the editors' actions (approve, retry, mark removed).
Delivery itself is cms.newmedia.delivery."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cms.newmedia.models import (
    Account,
    AccountStatus,
    Action,
    OutboxEntry,
    Platform,
    State,
)

# Publish entries not yet (or not successfully) delivered: a retraction or a newer version cancels
# them instead of posting outdated or withdrawn content.
UNDELIVERED = (State.PENDING, State.AWAITING_APPROVAL, State.FAILED)
CANCEL_RETRACTED = "内容已从网站撤下，不再推送。"
CANCEL_SUPERSEDED = "已有更新的版本待推送。"


def page_category(page: Page) -> str:
    category = getattr(page, "category", "") or ""
    if category:
        return category
    from cms.disclosure.models import DisclosurePage
    from cms.disclosure.models.pages import category_for_column

    return category_for_column(page.get_parent()) if isinstance(page, DisclosurePage) else ""


def account_matches(account: Account, page: Page, ancestor_ids: set[int]) -> bool:
    """The account's routing rules: in one of its columns (or below), of one of its categories,
    or of one of its organisations; an account without rules takes every item of its site."""
    column_ids = {c.pk for c in account.columns.all()}
    org_ids = {o.pk for o in account.organisations.all()}
    categories = set(account.categories or [])
    if not (column_ids or org_ids or categories):
        return True
    return bool(
        column_ids & ancestor_ids
        or (categories and page_category(page) in categories)
        or (org_ids and getattr(page, "organisation_id", None) in org_ids)
    )


def accounts_for(page: Page, wagtail_site_id: int | None) -> list[Account]:
    """Active accounts `page` is routed to: its own site's accounts by their rules, and any other
    site's account that names one of the page's columns."""
    ancestor_ids = set(page.get_ancestors().values_list("pk", flat=True))
    own = Q(site__site_id=wagtail_site_id) if wagtail_site_id else Q(pk__in=[])
    candidates = (
        Account.objects.filter(status=AccountStatus.ACTIVE)
        .filter(own | Q(columns__in=ancestor_ids))
        .distinct()
        .select_related("site")
        .prefetch_related("columns", "organisations")
    )
    result = []
    for account in candidates:
        if account.site.site_id == wagtail_site_id:
            if account_matches(account, page, ancestor_ids):
                result.append(account)
        elif {c.pk for c in account.columns.all()} & ancestor_ids:
            result.append(account)
    return result


def schedule_delivery() -> None:
    """After the commit, ask the task worker to deliver (never inside the transaction: a rolled
    back publish must not be posted)."""
    from cms.newmedia.tasks import deliver_outbox_task

    transaction.on_commit(deliver_outbox_task.enqueue)


def record_publication(
    page: Page, *, content_id: str, revision_id: int, site_id: int | None
) -> list[OutboxEntry]:
    """One entry per matching account for this version of the item (idempotent: a second call for
    the same version finds the entries already there). Runs in the caller's transaction."""
    if not getattr(page, "is_column_item", False):
        return []
    url = page.get_full_url() or ""
    created = []
    for account in accounts_for(page, site_id):
        entry, is_new = OutboxEntry.objects.get_or_create(
            account=account,
            content_id=content_id,
            revision_id=revision_id,
            action=Action.PUBLISH,
            defaults={
                "page": page,
                "title": page.title[:255],
                "page_url": url,
                "state": State.AWAITING_APPROVAL if account.requires_approval else State.PENDING,
            },
        )
        if is_new:
            created.append(entry)
            OutboxEntry.objects.filter(
                account=account, content_id=content_id, action=Action.PUBLISH, state__in=UNDELIVERED
            ).exclude(pk=entry.pk).update(
                state=State.CANCELLED, last_error=CANCEL_SUPERSEDED, finished_at=timezone.now()
            )
    if any(e.state == State.PENDING for e in created):
        schedule_delivery()
    return created


def record_retraction(content_id: str) -> list[OutboxEntry]:
    """The item left the public website: undelivered posts are cancelled; delivered (or
    in-flight) ones are taken back — a WeChat delete, or a manual-removal task on Weibo, which
    offers no delete (STANDARDS.md §6)."""
    now = timezone.now()
    OutboxEntry.objects.filter(
        content_id=content_id, action=Action.PUBLISH, state__in=UNDELIVERED
    ).update(state=State.CANCELLED, last_error=CANCEL_RETRACTED, finished_at=now)
    created = []
    delivered = OutboxEntry.objects.filter(
        content_id=content_id, action=Action.PUBLISH, state__in=(State.SENT, State.SENDING)
    ).select_related("account")
    for original in delivered:
        wechat = original.account.platform == Platform.WECHAT
        entry, is_new = OutboxEntry.objects.get_or_create(
            account=original.account,
            content_id=content_id,
            revision_id=original.revision_id,
            action=Action.DELETE if wechat else Action.MANUAL_REMOVAL,
            defaults={
                "original": original,
                "page_id": original.page_id,
                "title": original.title,
                "page_url": original.page_url,
                "state": State.PENDING if wechat else State.MANUAL,
                "remote_url": original.remote_url,
                "last_error": ""
                if wechat
                else "微博接口不支持删除，请账号负责人在微博客户端手动删除该条微博。",
            },
        )
        if is_new:
            created.append(entry)
    if any(e.state == State.PENDING for e in created):
        schedule_delivery()
    return created


def cancel_retractions(original: OutboxEntry, reason: str) -> None:
    """The post never reached the platform: nothing to take back."""
    original.retractions.filter(state__in=(State.PENDING, State.MANUAL, State.FAILED)).update(
        state=State.CANCELLED, last_error=reason, finished_at=timezone.now()
    )


# -- editors' actions (admin) ----------------------------------------------------------------


def approve(entries: Iterable[OutboxEntry], user: Any) -> int:
    """先审后发 for accounts that require it: the site's moderator releases each delivery."""
    ids = [e.pk for e in entries if e.state == State.AWAITING_APPROVAL]
    count = OutboxEntry.objects.filter(pk__in=ids, state=State.AWAITING_APPROVAL).update(
        state=State.PENDING,
        approved_by=user,
        approved_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    if count:
        schedule_delivery()
    return count


def retry(entries: Iterable[OutboxEntry]) -> int:
    """Send failed entries again now, with a fresh attempt budget."""
    ids = [e.pk for e in entries if e.state == State.FAILED]
    count = OutboxEntry.objects.filter(pk__in=ids, state=State.FAILED).update(
        state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), finished_at=None
    )
    if count:
        schedule_delivery()
    return count


def mark_removed(entries: Iterable[OutboxEntry], user: Any) -> int:
    """The account owner removed the post by hand (manual-removal tasks)."""
    ids = [e.pk for e in entries if e.state == State.MANUAL]
    return OutboxEntry.objects.filter(pk__in=ids, state=State.MANUAL).update(
        state=State.SENT, approved_by=user, finished_at=timezone.now(), last_error=""
    )
