"""Delivering the outbox (issue 9 item 6, STANDARDS.md §6). A worker claims a due entry with a
lease (a conditional UPDATE, so two workers never deliver the same entry), then advances it step by
step, recording each remote id the moment the platform returns it; a worker killed mid-way leaves
the entry in `sending` with an expired lease, and the next worker resumes from the recorded ids
instead of posting again. Failures are classified once (cms.newmedia.remote) and become a retry
with exponential backoff and jitter, a parked account (45009), or a visible failure."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import uuid
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from cms.newmedia import images, render
from cms.newmedia.credentials import CredentialError
from cms.newmedia.models import Account, Action, OutboxEntry, Platform, State
from cms.newmedia.outbox import cancel_retractions
from cms.newmedia.remote import Failure, RemoteError
from cms.newmedia.wechat_client import (
    FAILED_STATUSES,
    PUBLISHED,
    PUBLISHING,
    REMOVED_STATUSES,
    WeChatClient,
)
from cms.newmedia.weibo_client import WeiboClient

logger = logging.getLogger("jiyue.newmedia")

LEASE = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 8
BACKOFF_CAP = dt.timedelta(hours=6)
# A publish still "in progress" this long after submission is reported as failed.
PUBLISH_DEADLINE = dt.timedelta(hours=24)
PUBLISH_FAILURES = {2: "原创声明失败", 3: "常规失败", 4: "平台审核不通过"}
REMOVED = {5: "已被删除", 6: "已被封禁"}


class SimulatedCrash(BaseException):
    """Raised at a JIYUE_NEWMEDIA_FAULT_AFTER checkpoint: the tests' stand-in for a worker killed
    after a remote call and before it was recorded (a BaseException, so nothing catches it)."""


def checkpoint(step: str) -> None:
    if step in getattr(settings, "JIYUE_NEWMEDIA_FAULT_AFTER", ()):
        raise SimulatedCrash(step)


def backoff(attempts: int) -> dt.timedelta:
    """Exponential backoff with jitter: base·2^(n−1), capped, drawn from [half, full]."""
    base = float(getattr(settings, "JIYUE_NEWMEDIA_RETRY_BASE_SECONDS", 60))
    delay = min(BACKOFF_CAP.total_seconds(), base * 2 ** max(attempts - 1, 0))
    return dt.timedelta(seconds=random.uniform(delay / 2, delay))


def tomorrow_start(now: dt.datetime) -> dt.datetime:
    """WeChat quotas reset at midnight Beijing time; resume a few minutes after."""
    day = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 5)))


def due(now: dt.datetime) -> Q:
    return Q(state=State.PENDING, next_attempt_at__lte=now) | Q(
        state=State.SENDING, lease_until__lt=now
    )


def claim(entry_id: int, worker: str, now: dt.datetime) -> bool:
    """Take the entry for `worker` if it is due and nobody holds a live lease on it. Taking over
    an expired lease (its worker died) counts as an attempt, so a crash loop ends visibly."""
    lease = {"state": State.SENDING, "lease_owner": worker, "lease_until": now + LEASE}
    entries = OutboxEntry.objects.filter(pk=entry_id)
    if entries.filter(state=State.SENDING, lease_until__lt=now).update(
        attempts=F("attempts") + 1, **lease
    ):
        return True
    return entries.filter(state=State.PENDING, next_attempt_at__lte=now).update(**lease) == 1


def _save(entry: OutboxEntry, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(entry, name, value)
    OutboxEntry.objects.filter(pk=entry.pk).update(**fields)


def _finish(entry: OutboxEntry, state: str, now: dt.datetime, **fields: Any) -> None:
    _save(entry, state=state, lease_owner="", lease_until=None, finished_at=now, **fields)
    if entry.action == Action.PUBLISH and state in (State.FAILED, State.CANCELLED):
        cancel_retractions(entry, "推送未成功，无需删除。")


def _later(entry: OutboxEntry, when: dt.datetime, **fields: Any) -> None:
    _save(
        entry, state=State.PENDING, lease_owner="", lease_until=None, next_attempt_at=when, **fields
    )


def _page(entry: OutboxEntry):
    from cms.pages.queries import is_publicly_listable

    page = entry.page.specific if entry.page_id else None
    return page if page is not None and is_publicly_listable(page) else None


# -- WeChat --------------------------------------------------------------------------------


def _find_published(client: WeChatClient, entry: OutboxEntry) -> dict | None:
    """After a crash between submit and record: the article if WeChat already published it."""
    since = int((entry.submit_started_at - dt.timedelta(minutes=1)).timestamp())
    offset = 0
    for _ in range(5):
        data = client.published(offset=offset)
        for item in data.get("item", []):
            news = (item.get("content") or {}).get("news_item") or [{}]
            if (
                news[0].get("content_source_url") == entry.page_url
                and int(item.get("update_time", 0)) >= since
            ):
                return {"article_id": item.get("article_id", ""), "url": news[0].get("url", "")}
        offset += len(data.get("item", []))
        if not data.get("item") or offset >= int(data.get("total_count", 0)):
            return None
    return None


def _wechat_publish(entry: OutboxEntry, now: dt.datetime) -> None:
    client = WeChatClient(entry.account)
    if not entry.publish_id:
        if entry.submit_started_at:
            found = _find_published(client, entry)
            if found:
                _finish(
                    entry,
                    State.SENT,
                    now,
                    remote_id=found["article_id"],
                    remote_url=found["url"],
                    last_error="",
                )
                return
        if entry.retractions.exists():
            _finish(entry, State.CANCELLED, now, last_error="内容已从网站撤下，不再推送。")
            return
        if not entry.draft_media_id:
            page = _page(entry)
            if page is None:
                _finish(entry, State.CANCELLED, now, last_error="内容已不在网站公开，不再推送。")
                return
            # The page may have moved since it was queued: link to where it is now.
            _save(entry, page_url=page.get_full_url() or entry.page_url)
            hosted = images.rehost_body_images(client, page)
            thumb = images.cover_media_id(client, page)
            payload = render.build_payload(
                page, entry.account, images=hosted, thumb_media_id=thumb, url=entry.page_url
            )
            media_id = client.add_draft(payload)
            checkpoint("draft")
            _save(entry, draft_media_id=media_id)
        _save(entry, submit_started_at=timezone.now())
        publish_id = client.submit(entry.draft_media_id)
        checkpoint("submit")
        _save(entry, publish_id=publish_id)
    _poll(client, entry, now)


def _poll(client: WeChatClient, entry: OutboxEntry, now: dt.datetime) -> None:
    tries = int(getattr(settings, "JIYUE_NEWMEDIA_POLL_TRIES", 3))
    interval = float(getattr(settings, "JIYUE_NEWMEDIA_POLL_INTERVAL", 1.0))
    for attempt in range(tries):
        data = client.publish_status(entry.publish_id)
        status = int(data.get("publish_status", PUBLISHING))
        if status == PUBLISHED:
            items = (data.get("article_detail") or {}).get("item") or [{}]
            _finish(
                entry,
                State.SENT,
                now,
                remote_id=str(data.get("article_id", "")),
                remote_url=items[0].get("article_url", ""),
                last_error="",
            )
            return
        if status in FAILED_STATUSES or status in REMOVED_STATUSES:
            reason = PUBLISH_FAILURES.get(status) or REMOVED.get(status, "")
            _finish(
                entry,
                State.FAILED,
                now,
                error_code=f"publish_status={status}",
                last_error=f"微信发布失败：{reason}（fail_idx={data.get('fail_idx', [])}）",
            )
            return
        if attempt + 1 < tries:
            time.sleep(interval)
    if entry.submit_started_at and now - entry.submit_started_at > PUBLISH_DEADLINE:
        _finish(
            entry,
            State.FAILED,
            now,
            error_code="publish_timeout",
            last_error="微信发布结果长时间未确认，请在公众平台核对。",
        )
        return
    _later(entry, now + dt.timedelta(seconds=60), last_error="微信发布审核中，稍后查询结果。")


def _wechat_delete(entry: OutboxEntry, now: dt.datetime) -> None:
    original = entry.original
    if original.state in (State.FAILED, State.CANCELLED):
        _finish(entry, State.CANCELLED, now, last_error="推送未成功，无需删除。")
        return
    if original.state != State.SENT:
        _later(entry, now + dt.timedelta(seconds=60), last_error="等待原推送完成后删除。")
        return
    WeChatClient(entry.account).delete(original.remote_id)
    checkpoint("delete")
    _finish(entry, State.SENT, now, last_error="")


# -- Weibo ---------------------------------------------------------------------------------


def _weibo_publish(entry: OutboxEntry, now: dt.datetime) -> None:
    account = entry.account
    if account.auth_expired_at:
        raise RemoteError(Failure.AUTH, "auth_expired", "微博授权已过期，请账号负责人重新授权。")
    page = _page(entry)
    if page is None or entry.retractions.exists():
        _finish(entry, State.CANCELLED, now, last_error="内容已不在网站公开，不再推送。")
        return
    resumed = entry.submit_started_at is not None
    if not resumed:  # a resumed post must repeat the very text it may have sent
        _save(entry, page_url=page.get_full_url() or entry.page_url)
    _save(entry, submit_started_at=timezone.now())
    client = WeiboClient(account)
    try:
        data = client.share(render.weibo_text(page, entry.page_url))
    except RemoteError as error:
        if error.kind == Failure.DUPLICATE and resumed:
            # The interrupted attempt did reach Weibo: it refuses the same text twice.
            _finish(
                entry,
                State.SENT,
                now,
                last_error="上次发送已成功（微博提示内容重复），链接请在微博中查看。",
            )
            return
        raise
    checkpoint("share")
    _finish(
        entry,
        State.SENT,
        now,
        remote_id=str(data.get("idstr") or data.get("id")),
        remote_url=client.status_url(data),
        last_error="",
    )


STEPS = {
    (Platform.WECHAT, Action.PUBLISH): _wechat_publish,
    (Platform.WECHAT, Action.DELETE): _wechat_delete,
    (Platform.WEIBO, Action.PUBLISH): _weibo_publish,
}


def _failed(entry: OutboxEntry, error: RemoteError, now: dt.datetime) -> None:
    account: Account = entry.account
    fields = {"error_code": error.code, "last_error": error.message}
    if error.kind == Failure.QUOTA:
        until = tomorrow_start(now)
        reason = f"微信今日接口调用次数已用完（45009），暂停推送至 {timezone.localtime(until):%Y-%m-%d %H:%M}"
        Account.objects.filter(pk=account.pk).update(parked_until=until, parked_reason=reason)
        _later(entry, until, **{**fields, "last_error": reason})
        return
    if error.kind == Failure.AUTH:
        Account.objects.filter(pk=account.pk).update(auth_expired_at=now)
    if error.kind in (Failure.RETRY, Failure.TOKEN):
        attempts = entry.attempts + 1
        if attempts < MAX_ATTEMPTS:
            _later(entry, now + backoff(attempts), attempts=attempts, **fields)
            return
        fields["last_error"] = f"已重试 {attempts} 次仍失败：{error.message}"
        _finish(entry, State.FAILED, now, attempts=attempts, **fields)
        return
    _finish(entry, State.FAILED, now, attempts=entry.attempts + 1, **fields)


def deliver(entry_id: int, *, worker: str, now: dt.datetime | None = None) -> str | None:
    """Advance one entry if this worker wins its claim; returns its state afterwards."""
    now = now or timezone.now()
    if not claim(entry_id, worker, now):
        return None
    entry = OutboxEntry.objects.select_related("account", "original").get(pk=entry_id)
    step = STEPS.get((entry.account.platform, entry.action))
    try:
        if entry.attempts >= MAX_ATTEMPTS:
            _finish(
                entry,
                State.FAILED,
                now,
                error_code="interrupted",
                last_error=f"投递过程已中断 {entry.attempts} 次，请核对平台上的发布情况后重试。",
            )
        elif entry.account.is_parked(now):  # parked by another entry of this batch
            _later(entry, entry.account.parked_until)
        elif step is None or not entry.account.is_active:
            _finish(entry, State.CANCELLED, now, last_error="账号已注销或不支持该操作。")
        else:
            step(entry, now)
    except RemoteError as error:
        _failed(entry, error, now)
    except CredentialError as error:
        _finish(entry, State.FAILED, now, error_code="credentials", last_error=str(error))
    except Exception as error:  # a bug or an unexpected answer: keep the entry, retry later
        logger.exception("outbox entry %s failed", entry_id)
        _failed(
            entry, RemoteError(Failure.RETRY, "error", f"{error.__class__.__name__}: {error}"), now
        )
    return entry.state


def due_ids(now: dt.datetime, limit: int) -> list[int]:
    return list(
        OutboxEntry.objects.filter(due(now))
        .exclude(account__parked_until__gt=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def drain(
    *, now: dt.datetime | None = None, limit: int = 200, worker: str | None = None
) -> Counter:
    """Deliver every entry due now (each at most once per call); {state: count} of what it did."""
    worker = worker or uuid.uuid4().hex
    done: set[int] = set()
    outcome: Counter = Counter()
    while True:
        ids = [i for i in due_ids(now or timezone.now(), limit) if i not in done]
        if not ids:
            return outcome
        for entry_id in ids:
            done.add(entry_id)
            state = deliver(entry_id, worker=worker, now=now)
            if state:
                outcome[state] += 1
