"""The demo builder puts a board in every 互动交流 column and messages in every state on every
site, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from cms.interaction import demo
from cms.interaction.demo import build_demo
from cms.interaction.demo_faq import ENTRIES
from cms.interaction.faq import FaqPage
from cms.interaction.models import Action, Message, MessageBoardPage, Status
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def test_demo_fills_every_board_with_every_state_and_is_idempotent(cluster, orgs, monkeypatch):
    # The demo lets a message lapse past three months on one site only (the audit's one veto).
    lapsed_host = cluster.county_a.site.hostname
    monkeypatch.setattr(demo, "LAPSED_DEMO_HOST", lapsed_host)
    today = timezone.localdate()
    first = build_demo(today=today, stdout=io.StringIO())
    second = build_demo(today=today, stdout=io.StringIO())
    assert first == second
    assert first["message_boards"] == len(cluster.all)
    assert MessageBoardPage.objects.live().count() == len(cluster.all)
    for profile in cluster.all:
        shown = Message.objects.filter(origin_site=profile)
        assert set(shown.values_list("status", flat=True)) == set(Status.values)
        flags = {f for m in shown for f in m.flags(today)}
        assert {"已超期", "超过2个月未答复"} <= flags
        assert ("超过3个月未答复" in flags) == (profile.site.hostname == lapsed_host)
        transferred = shown.filter(events__action=Action.TRANSFER).get()
        assert transferred.site != profile and transferred.status == Status.ANSWERED
    host = cluster.county_a.site.hostname
    column = host_client(host).get("/hdjl/").content.decode()
    assert "领导信箱" in column and "暂无信息" not in column
    faq = host_client(host).get("/hdjl/cjwt/").content.decode()
    assert "城乡居民医保每年什么时候缴费" in faq and "暂无信息" not in faq
    assert FaqPage.objects.live().count() == len(cluster.all) * len(ENTRIES)
    board = host_client(host).get("/hdjl/liuyan/").content.decode()
    assert "城乡居民医保今年什么时候开始缴费" in board
    stats = host_client(host).get("/hdjl/liuyan/stats/")
    assert stats.status_code == 200


@pytest.mark.parametrize("today", [dt.date(2026, 2, 20), dt.date(2026, 10, 3)])
def test_demo_builds_on_holidays(cluster, orgs, today):
    assert build_demo(today=today, stdout=io.StringIO())["messages"] == 11 * len(
        cluster.all
    )  # no 3-month lapse: not 白鹭县
