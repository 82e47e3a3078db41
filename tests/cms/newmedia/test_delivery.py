"""Delivery against the fake platforms, through every fault STANDARDS.md §6 names: each item
ends sent or visibly failed, none is posted twice, none is lost."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.utils import timezone

from cms.newmedia import outbox
from cms.newmedia.delivery import LEASE, SimulatedCrash, claim, drain
from cms.newmedia.models import Account, OutboxEntry, State
from tests.cms.newmedia.conftest import enqueue, settle

SUBMIT = "/cgi-bin/freepublish/submit"
DRAFT = "/cgi-bin/draft/add"
SHARE = "/2/statuses/share.json"


def test_wechat_article_is_drafted_published_and_its_url_recorded(wechat, wechat_account, article):
    page = article(title="安宁县召开2026年优化营商环境推进会")
    (entry,) = enqueue(page)
    assert entry.state == State.PENDING
    settle()
    entry.refresh_from_db()
    assert entry.state == State.SENT, entry.last_error
    assert entry.remote_url.startswith("https://mp.weixin.qq.com/s/")
    assert entry.remote_id in wechat.articles
    assert wechat.posts == {page.get_full_url(): 1}
    published = wechat.articles[entry.remote_id]
    assert (
        published["title"] == page.title and published["content_source_url"] == page.get_full_url()
    )
    # A second article reuses the account's token and plain cover.
    enqueue(article())
    settle()
    assert wechat.token_requests == 1
    assert len(wechat.thumbs) == 1


def test_enqueueing_the_same_version_twice_writes_one_entry(wechat_account, weibo_account, article):
    page = article()  # publishing wrote one entry per account
    assert OutboxEntry.objects.count() == 2
    assert (
        outbox.record_publication(
            page.specific,
            content_id=str(page.translation_key),
            revision_id=page.latest_revision_id,
            site_id=page.get_site().pk,
        )
        == []
    )
    assert len(enqueue(page)) == 2


def test_every_fault_ends_sent_or_visibly_failed_and_nothing_is_posted_twice(
    wechat, wechat_account, article
):
    pages = [article(title=f"第{i}条重要工作动态") for i in range(6)]
    wechat.reject_review.add(pages[5].get_full_url())
    wechat.fail(DRAFT, "500", "busy")
    wechat.fail(SUBMIT, "timeout", "busy", "token")
    wechat.fail("/cgi-bin/freepublish/get", "500")
    for page in pages:
        enqueue(page)
    drain()
    wechat.expire_tokens()
    settle()
    entries = {e.page_id: e for e in OutboxEntry.objects.all()}
    for page in pages[:5]:
        assert entries[page.pk].state == State.SENT, entries[page.pk].last_error
        assert wechat.posts[page.get_full_url()] == 1
    rejected = entries[pages[5].pk]
    assert rejected.state == State.FAILED
    assert rejected.error_code == "publish_status=4" and "审核不通过" in rejected.last_error
    assert wechat.posts[pages[5].get_full_url()] == 0
    assert sum(wechat.posts.values()) == 5
    assert wechat.token_requests >= 2  # refreshed once after expiry


def test_content_errors_are_never_retried(wechat, wechat_account, article):
    (entry,) = enqueue(article())
    wechat.fail(DRAFT, "invalid")
    settle()
    entry.refresh_from_db()
    assert entry.state == State.FAILED and entry.error_code == "45166"
    assert entry.attempts == 1
    assert wechat.calls[DRAFT] == 1


def test_retries_give_up_visibly_after_the_attempt_budget(wechat, wechat_account, article):
    (entry,) = enqueue(article())
    wechat.fail(DRAFT, *["busy"] * 20)
    settle()
    entry.refresh_from_db()
    assert entry.state == State.FAILED and "已重试" in entry.last_error
    assert wechat.posts == {}


def test_quota_parks_the_account_until_tomorrow(wechat, wechat_account, article):
    first, second = enqueue(article()), enqueue(article())
    wechat.fail(DRAFT, "quota")
    now = timezone.now()
    drain(now=now)
    account = Account.objects.get(pk=wechat_account.pk)
    assert account.is_parked(now) and "45009" in account.parked_reason
    states = set(OutboxEntry.objects.values_list("state", flat=True))
    assert states == {State.PENDING}
    # A moment while still parked: half an hour on, but never past the park's end (it ends at
    # 00:05 Asia/Shanghai, which half an hour can reach when the test runs just before midnight).
    drain(now=min(now + dt.timedelta(minutes=30), account.parked_until - dt.timedelta(minutes=1)))
    assert wechat.calls[DRAFT] == 1  # nothing tried while parked
    settle(start=account.parked_until + dt.timedelta(minutes=1))
    assert set(OutboxEntry.objects.values_list("state", flat=True)) == {State.SENT}
    assert sum(wechat.posts.values()) == 2
    assert first and second


@pytest.mark.parametrize("step", ["draft", "submit"])
def test_a_worker_killed_after_the_remote_call_is_resumed_without_posting_again(
    settings, wechat, wechat_account, article, step
):
    page = article()
    (entry,) = enqueue(page)
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = (step,)
    now = timezone.now()
    with pytest.raises(SimulatedCrash):
        drain(now=now)
    entry.refresh_from_db()
    assert entry.state == State.SENDING  # left behind by the "killed" worker
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ()
    drain(now=now)  # the lease still holds: another worker keeps off
    assert OutboxEntry.objects.get(pk=entry.pk).state == State.SENDING
    settle(start=now + LEASE + dt.timedelta(seconds=1))
    entry.refresh_from_db()
    assert entry.state == State.SENT and entry.remote_url
    assert wechat.posts == {page.get_full_url(): 1}


def test_two_workers_never_hold_the_same_entry(wechat_account, article):
    (entry,) = enqueue(article())
    now = timezone.now()
    assert claim(entry.pk, "worker-a", now) is True
    assert claim(entry.pk, "worker-b", now) is False
    assert claim(entry.pk, "worker-b", now + LEASE + dt.timedelta(seconds=1)) is True


def test_weibo_post_carries_title_and_link(weibo, weibo_account, article):
    page = article(title="清明假期出行提示")
    (entry,) = enqueue(page)
    weibo.fail(SHARE, "rate", "500")
    settle()
    entry.refresh_from_db()
    assert entry.state == State.SENT, entry.last_error
    assert entry.remote_url == f"https://weibo.com/{weibo_account.account_id}/{entry.remote_id}"
    (status,) = weibo.statuses.values()
    assert (
        status["text"].startswith("【清明假期出行提示】") and page.get_full_url() in status["text"]
    )


def test_weibo_timeout_after_posting_is_not_posted_twice(weibo, weibo_account, article):
    page = article()
    (entry,) = enqueue(page)
    weibo.fail(SHARE, "timeout")
    settle()
    entry.refresh_from_db()
    assert entry.state == State.SENT
    assert weibo.posts == {page.get_full_url(): 1}


def test_weibo_killed_after_share_is_recorded_once(settings, weibo, weibo_account, article):
    page = article()
    (entry,) = enqueue(page)
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ("share",)
    now = timezone.now()
    with pytest.raises(SimulatedCrash):
        drain(now=now)
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ()
    settle(start=now + LEASE + dt.timedelta(seconds=1))
    entry.refresh_from_db()
    assert entry.state == State.SENT
    assert weibo.posts == {page.get_full_url(): 1}


def test_expired_weibo_authorisation_fails_visibly_and_shows_on_the_account(
    weibo, weibo_account, article
):
    (entry,) = enqueue(article())
    weibo.expired.add(next(iter(weibo.tokens)))
    settle()
    entry.refresh_from_db()
    assert entry.state == State.FAILED and entry.error_code == "21327"
    assert Account.objects.get(pk=weibo_account.pk).auth_expired_at is not None
    assert weibo.posts == {}


def test_random_faults_on_both_platforms_lose_nothing_and_post_nothing_twice(
    settings, wechat, weibo, wechat_account, weibo_account, article
):
    import random

    rng = random.Random(9)
    pages = [article(title=f"随机故障演练第{i}条") for i in range(8)]
    wechat.reject_review.add(pages[0].get_full_url())
    wechat.publish_polls = 1
    faults = {
        wechat: (["timeout", "500", "busy", "token", "quota"], list(wechat.routes())),
        weibo: (["timeout", "500", "rate"], [SHARE]),
    }
    for fake, (kinds, paths) in faults.items():
        for _ in range(10):
            fake.fail(rng.choice(paths), rng.choice(kinds))
    # A worker killed once right after submitting, then one after sharing.
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ("submit", "share")
    now = timezone.now()
    for _ in range(2):
        with contextlib.suppress(SimulatedCrash):
            drain(now=now)
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ()
    wechat.expire_tokens()
    settle(start=now + LEASE + dt.timedelta(seconds=1), rounds=60)
    entries = list(OutboxEntry.objects.select_related("account"))
    assert len(entries) == 2 * len(pages)
    for entry in entries:
        fake = wechat if entry.account.platform == "wechat" else weibo
        assert entry.state in (State.SENT, State.FAILED), (entry.title, entry.state)
        assert entry.state == State.FAILED or entry.last_error == "" or "重复" in entry.last_error
        assert fake.posts[entry.page_url] <= 1
        if entry.state == State.SENT:
            assert fake.posts[entry.page_url] == 1
        else:
            assert entry.last_error  # visibly failed
    assert wechat.posts[pages[0].get_full_url()] == 0
    assert sum(e.state == State.SENT for e in entries) >= len(entries) - 3


def test_body_images_are_rehosted_once_per_account_and_the_first_is_the_cover(
    cluster, wechat, wechat_account, article
):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(collection=cluster.county_a.collection, title="会场")
    body = (
        f'<p>会议现场：</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="会场"/>'
        '<p><img src="https://elsewhere.example/outside.png"></p>'
    )
    first = article(body=body)
    second = article(body=body)
    settle()
    assert set(OutboxEntry.objects.values_list("state", flat=True)) == {State.SENT}
    assert len(wechat.images) == 1 and len(wechat.thumbs) == 1  # uploaded once, used twice
    (hosted,) = wechat.images
    for page in (first, second):
        (published,) = [
            a for a in wechat.articles.values() if a["content_source_url"] == page.get_full_url()
        ]
        assert f'src="{hosted}"' in published["content"]
        assert "elsewhere.example" not in published["content"]
        assert published["thumb_media_id"] in wechat.thumbs
    assert len(next(iter(wechat.thumbs.values()))) <= 64 * 1024


def test_a_crash_loop_ends_visibly(settings, wechat, wechat_account, article):
    (entry,) = enqueue(article())
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ("draft",)
    now = timezone.now()
    for _ in range(12):
        with contextlib.suppress(SimulatedCrash):
            drain(now=now)
        now += LEASE + dt.timedelta(seconds=1)
    entry.refresh_from_db()
    assert entry.state == State.FAILED and entry.error_code == "interrupted"
    assert wechat.posts == {}
