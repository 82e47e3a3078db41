"""Demo 政务新媒体 (`manage.py load_demo_cluster`): a WeChat and a Weibo account for the city
portal and for 安宁县 and 清源县, and a delivery history in every outbox state — sent posts with
their links, a deletion after a 撤稿, a Weibo post awaiting manual removal, entries pending,
awaiting approval, in flight, failed and cancelled; 清源县's WeChat account has been silent for
three weeks, so the audit lists it. Idempotent: accounts and entries are found by their keys."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cms.newmedia.models import Account, Action, OutboxEntry, Platform, State
from cms.pages.queries import publicly_listable
from fixtures.newmedia import make_account
from sites.models import SiteProfile

DEMO_HOSTS = ("www.localhost", "anning.localhost", "qingyuan.localhost")
SILENT_HOST = "qingyuan.localhost"
DEMO_SECRET = "demo-only-not-a-real-secret"

# (state, days ago, error code, error): the history each WeChat account shows, newest last.
WECHAT_HISTORY = (
    (State.SENT, 20, "", ""),
    (State.SENT, 9, "", ""),
    (State.FAILED, 6, "publish_status=4", "微信发布失败：平台审核不通过（fail_idx=[1]）"),
    (State.CANCELLED, 5, "", "内容已从网站撤下，不再推送。"),
    (State.SENT, 4, "", ""),  # then withdrawn: deleted on WeChat (below)
    (State.AWAITING_APPROVAL, 1, "", ""),
    (State.SENDING, 0, "", ""),
    (State.PENDING, 0, "-1", "[-1] 微信系统繁忙：system error"),
)
WEIBO_HISTORY = (
    (State.SENT, 8, "", ""),
    (State.SENT, 3, "", ""),  # then withdrawn: needs manual removal (below)
    (State.FAILED, 2, "21327", "微博授权已过期，请账号负责人重新授权：expired_token"),
    (State.PENDING, 0, "", ""),
)


def _account(profile: SiteProfile, platform: str, *, approval: bool) -> Account:
    existing = Account.objects.filter(site=profile, platform=platform).first()
    if existing:
        return existing
    return make_account(
        profile,
        platform=platform,
        secret=DEMO_SECRET,
        filed_on=dt.date(2024, 6, 1),
        requires_approval=approval,
        token_expires_on=timezone.localdate() + dt.timedelta(days=5)
        if platform == Platform.WEIBO
        else None,
    )


def _history(account: Account, articles: list, rows, today: dt.date, silent: bool) -> int:
    created = 0
    for index, (state, days_ago, code, error) in enumerate(rows):
        if index >= len(articles):
            break
        page = articles[index]
        if silent and state == State.SENT:
            days_ago = max(days_ago, 21)
        moment = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(10))
        )
        remote = f"demo{account.pk}x{page.pk}"
        sent = state == State.SENT
        entry, is_new = OutboxEntry.objects.get_or_create(
            account=account,
            content_id=str(page.translation_key),
            revision_id=page.latest_revision_id or 0,
            action=Action.PUBLISH,
            defaults={
                "page": page,
                "title": page.title,
                "page_url": page.get_full_url() or "",
                "state": state,
                "attempts": 1 if code else 0,
                "error_code": code,
                "last_error": error,
                "next_attempt_at": moment + dt.timedelta(hours=1),
                "lease_owner": "demo-worker" if state == State.SENDING else "",
                "lease_until": timezone.now() + dt.timedelta(minutes=5)
                if state == State.SENDING
                else None,
                "remote_id": remote if sent else "",
                "remote_url": (
                    f"https://mp.weixin.qq.com/s/{remote}"
                    if account.platform == Platform.WECHAT
                    else f"https://weibo.com/{account.account_id}/{remote}"
                )
                if sent
                else "",
                "finished_at": moment
                if state in (State.SENT, State.FAILED, State.CANCELLED)
                else None,
            },
        )
        if not is_new:
            continue
        created += 1
        OutboxEntry.objects.filter(pk=entry.pk).update(created_at=moment - dt.timedelta(minutes=3))
        if sent and days_ago in (3, 4):
            _retraction(entry, moment + dt.timedelta(days=1))
    return created


def _retraction(original: OutboxEntry, moment: dt.datetime) -> None:
    wechat = original.account.platform == Platform.WECHAT
    OutboxEntry.objects.create(
        account=original.account,
        content_id=original.content_id,
        revision_id=original.revision_id,
        action=Action.DELETE if wechat else Action.MANUAL_REMOVAL,
        original=original,
        page_id=original.page_id,
        title=original.title,
        page_url=original.page_url,
        state=State.SENT if wechat else State.MANUAL,
        remote_url=original.remote_url,
        last_error=""
        if wechat
        else "微博接口不支持删除，请账号负责人在微博客户端手动删除该条微博。",
        finished_at=moment if wechat else None,
    )


def build_demo(*, today: dt.date, stdout) -> dict[str, int]:
    accounts = entries = 0
    for host in DEMO_HOSTS:
        profile = SiteProfile.objects.select_related("site").filter(site__hostname=host).first()
        if profile is None:
            continue
        # Any publicly listable item of the site (articles, disclosures…), newest first.
        articles = [
            page.specific
            for page in publicly_listable(profile.site.root_page).order_by(
                "-first_published_at", "-pk"
            )[: len(WECHAT_HISTORY)]
        ]
        with transaction.atomic():
            wechat = _account(profile, Platform.WECHAT, approval=True)
            weibo = _account(profile, Platform.WEIBO, approval=False)
            accounts += 2
            silent = host == SILENT_HOST
            entries += _history(wechat, articles, WECHAT_HISTORY, today, silent)
            entries += _history(weibo, articles, WEIBO_HISTORY, today, False)
    total = OutboxEntry.objects.filter(account__site__site__hostname__in=DEMO_HOSTS).count()
    stdout.write(f"政务新媒体：账号 {accounts} 个，推送记录新建 {entries} 条，共 {total} 条。\n")
    return {"accounts": accounts, "outbox_entries": total}
