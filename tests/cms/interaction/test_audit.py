"""The audit contract: the configured source lists valid messages without a published reply, and
the inbox flags follow `message_lapse()` at both §2 boundaries (fixed dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.core.inspection import MessageLapse, message_source
from cms.interaction import workflow
from cms.interaction.models import Message, Status

pytestmark = pytest.mark.django_db


def _message(site, received: dt.datetime, subject: str = "路灯不亮") -> Message:
    m = Message(
        site=site,
        kind="consult",
        name="赵敏",
        phone="13900000001",
        subject=subject,
        content="村口的路灯已经坏了一个多月，晚上出行很不方便。",
    )
    return workflow.submit(m, now=received)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.mark.parametrize(
    ("today", "expected_lapse", "expected_flag"),
    [
        (dt.date(2026, 3, 14), None, None),
        (dt.date(2026, 3, 15), MessageLapse.WARNING, "超过2个月未答复"),  # two months to the day
        (dt.date(2026, 4, 15), MessageLapse.WARNING, "超过2个月未答复"),  # three months to the day
        (dt.date(2026, 4, 16), MessageLapse.VETO, "超过3个月未答复"),  # more than three months
    ],
)
def test_inbox_lapse_follows_message_lapse_at_both_boundaries(
    cluster, today, expected_lapse, expected_flag
):
    message = _message(cluster.county_a, _at(dt.date(2026, 1, 15)))
    assert message.lapse(today) == expected_lapse
    flags = message.flags(today)
    if expected_flag:
        assert expected_flag in flags
    else:
        assert not [f for f in flags if "个月" in f]


def test_answered_and_invalid_messages_have_no_lapse(cluster, orgs, make_user):
    user = make_user("boss", superuser=True)
    answered = _message(cluster.county_a, _at(dt.date(2026, 1, 5)))
    workflow.assign(answered, orgs["county_a"], user=user)
    workflow.draft_reply(answered, user=user, body="已修复。")
    workflow.publish_reply(answered, user=user)
    invalid = _message(cluster.county_a, _at(dt.date(2026, 1, 5)))
    workflow.mark_invalid(invalid, user=user, reason="广告")
    assert answered.lapse(dt.date(2026, 6, 1)) is None
    assert invalid.lapse(dt.date(2026, 6, 1)) is None


def test_audit_source_lists_valid_unanswered_messages_per_site(cluster, orgs, make_user):
    source = message_source()
    assert source is not None
    user = make_user("boss", superuser=True)
    old_a = _message(cluster.county_a, _at(dt.date(2026, 1, 10)), "安宁县旧留言")
    _message(cluster.county_b, _at(dt.date(2026, 2, 10)), "清源县留言")
    spam = _message(cluster.county_a, _at(dt.date(2026, 1, 11)), "广告")
    workflow.mark_invalid(spam, user=user, reason="广告信息")
    done = _message(cluster.county_a, _at(dt.date(2026, 1, 12)), "已答复")
    workflow.assign(done, orgs["county_a"], user=user)
    workflow.draft_reply(done, user=user, body="已处理。")
    # A drafted but unpublished reply still counts as unanswered.
    reviewing = _message(cluster.county_a, _at(dt.date(2026, 1, 13)), "待审核")
    workflow.assign(reviewing, orgs["county_a"], user=user)
    workflow.draft_reply(reviewing, user=user, body="拟答复。")
    workflow.publish_reply(done, user=user)
    _message(cluster.county_a, _at(dt.date(2026, 5, 1)), "今天之后")

    rows = list(source([cluster.county_a.pk], dt.date(2026, 4, 20)))
    assert [r.title for r in rows] == ["安宁县旧留言", "待审核"]
    assert rows[0].received_on == dt.date(2026, 1, 10)
    assert rows[0].site_id == cluster.county_a.pk and rows[0].message_id == old_a.pk
    assert rows[0].admin_url.endswith(f"/{old_a.pk}/")
    everywhere = list(source(None, dt.date(2026, 4, 20)))
    assert {r.title for r in everywhere} == {"安宁县旧留言", "待审核", "清源县留言"}
    assert Message.objects.filter(status=Status.INVALID).get().invalid_reason == "广告信息"
