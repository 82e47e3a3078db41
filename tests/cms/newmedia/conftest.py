"""Fake WeChat and Weibo servers (real HTTP on 127.0.0.1, OS-chosen ports) wired into the
settings, accounts registered on them, and a worker driver that lets time pass."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.newmedia import outbox
from cms.newmedia.delivery import drain
from cms.newmedia.models import OutboxEntry, Platform, State
from fixtures.factories import ArticlePageFactory
from fixtures.newmedia import make_account
from tests.fakes.wechat import FakeWeChat
from tests.fakes.weibo import FakeWeibo

WECHAT_SECRET = "wechat-app-secret"
WEIBO_TOKEN = "weibo-oauth-token"


@pytest.fixture
def wechat():
    fake = FakeWeChat().start()
    fake.slow_seconds = 2.0
    yield fake
    fake.stop()


@pytest.fixture
def weibo(cluster):
    hosts = [p.site.hostname for p in cluster.all]
    fake = FakeWeibo(safe_domains=tuple(hosts)).start()
    fake.slow_seconds = 2.0
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def platform_settings(settings, wechat, weibo):
    settings.JIYUE_WECHAT_API_BASE = wechat.base_url
    settings.JIYUE_WEIBO_API_BASE = weibo.base_url
    settings.JIYUE_NEWMEDIA_HTTP_TIMEOUT = 1.0
    settings.JIYUE_NEWMEDIA_POLL_INTERVAL = 0
    settings.JIYUE_NEWMEDIA_FAULT_AFTER = ()
    return settings


@pytest.fixture
def wechat_account(cluster, wechat):
    account = make_account(cluster.county_a, platform=Platform.WECHAT, secret=WECHAT_SECRET)
    wechat.credentials[account.app_id] = WECHAT_SECRET
    return account


@pytest.fixture
def weibo_account(cluster, weibo):
    account = make_account(cluster.county_a, platform=Platform.WEIBO, secret=WEIBO_TOKEN)
    weibo.tokens[WEIBO_TOKEN] = account.account_id
    return account


@pytest.fixture
def article(cluster):
    """`article(profile=county A, **fields)`: a live article in the site's 工作动态 column."""

    def make(profile=None, **fields):
        return ArticlePageFactory(
            parent=cluster.column(profile or cluster.county_a, "gzdt"), **fields
        )

    return make


def enqueue(page) -> list[OutboxEntry]:
    """The entries of `page`'s current version: what publishing it wrote through content_changed
    (the receiver's call is repeated here, which must change nothing)."""
    page = page.specific
    outbox.record_publication(
        page,
        content_id=str(page.translation_key),
        revision_id=page.latest_revision_id,
        site_id=page.get_site().pk,
    )
    return list(
        OutboxEntry.objects.filter(
            content_id=str(page.translation_key), revision_id=page.latest_revision_id
        ).order_by("pk")
    )


def settle(rounds: int = 30, *, start: dt.datetime | None = None) -> dt.datetime:
    """Run the worker again and again, letting seven hours pass between runs (more than the
    longest backoff), until no entry is open; returns the simulated time reached."""
    now = start or timezone.now()
    for _ in range(rounds):
        drain(now=now)
        if not OutboxEntry.objects.filter(state__in=(State.PENDING, State.SENDING)).exists():
            return now
        now += dt.timedelta(hours=7)
    return now
