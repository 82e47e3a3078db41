"""The 留言办理 admin through HTTP: the whole life of a message across two sites, review by the
handling site's moderator only, e-mail on publication, and per-site scoping of messages and
replies."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from cms.interaction import workflow
from cms.interaction.models import Action, Message, Status
from tests.cms.interaction.conftest import BOARD_PATH, post_message
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(cluster, make_user):
    return {
        "a_editor": make_user("a_editor", groups=[cluster.county_a.editors_group]),
        "a_moderator": make_user("a_moderator", groups=[cluster.county_a.moderators_group]),
        "b_editor": make_user("b_editor", groups=[cluster.county_b.editors_group]),
        "b_moderator": make_user("b_moderator", groups=[cluster.county_b.moderators_group]),
    }


def url(message, *rest) -> str:
    return reverse("interaction_admin:message", args=[message.pk])


def step(user, message, action: str, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return host_client(COUNTY_A_HOST, user).post(url(message), data)


def test_message_goes_from_form_through_transfer_to_published_reply(
    cluster, orgs, boards, staff, django_capture_on_commit_callbacks
):
    citizen = host_client(COUNTY_A_HOST)
    assert post_message(citizen, subject="县城南门菜市场占道经营问题").status_code == 302
    message = Message.objects.get()

    inbox = host_client(COUNTY_A_HOST, staff["a_editor"]).get(reverse("interaction_admin:index"))
    assert inbox.status_code == 200
    assert "县城南门菜市场占道经营问题" in inbox.content.decode()

    assert (
        step(
            staff["a_editor"], message, Action.ASSIGN, organisation=orgs["county_a"].pk
        ).status_code
        == 302
    )
    assert (
        step(staff["a_editor"], message, Action.NOTE, note="已电话联系城管大队").status_code == 302
    )
    response = step(
        staff["a_editor"],
        message,
        Action.TRANSFER,
        organisation=orgs["county_b"].pk,
        note="菜市场位于清源县辖区",
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.site, message.organisation, message.status) == (
        cluster.county_b,
        orgs["county_b"],
        Status.ASSIGNED,
    )
    # The handing-on site still sees the history, read-only; the receiving site can act.
    a_view = host_client(COUNTY_A_HOST, staff["a_editor"]).get(url(message))
    assert a_view.status_code == 200
    assert "只能查看办理记录" in a_view.content.decode()
    assert "菜市场位于清源县辖区" in a_view.content.decode()
    refused = step(staff["a_editor"], message, Action.DRAFT_REPLY, body="越权答复")
    assert refused.status_code == 302 and not message.replies.exists()

    b_client = host_client(COUNTY_A_HOST, staff["b_editor"])
    b_view = b_client.get(url(message)).content.decode()
    assert "菜市场位于清源县辖区" in b_view and "安宁县人民政府门户网站" in b_view
    reply_text = "经核查，已责令相关商户于本月底前退路进市，城管部门将加强日常巡查。"
    assert step(staff["b_editor"], message, Action.DRAFT_REPLY, body=reply_text).status_code == 302
    message.refresh_from_db()
    assert message.status == Status.REVIEWING

    # An editor cannot approve; neither can the other site's moderator.
    assert "审核通过并发布答复" not in b_client.get(url(message)).content.decode()
    step(staff["b_editor"], message, Action.PUBLISH_REPLY)
    step(staff["a_moderator"], message, Action.PUBLISH_REPLY)
    message.refresh_from_db()
    assert message.status == Status.REVIEWING and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after commit
        with_comment = step(staff["b_moderator"], message, Action.PUBLISH_REPLY, note="同意发布")
    assert with_comment.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.ANSWERED and message.answered_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wangjg@example.cn"]
    assert reply_text in mail.outbox[0].body and message.tracking_code in mail.outbox[0].body

    events = list(message.events.all())
    assert [e.action for e in events] == [
        Action.SUBMIT,
        Action.ASSIGN,
        Action.NOTE,
        Action.TRANSFER,
        Action.DRAFT_REPLY,
        Action.PUBLISH_REPLY,
    ]
    assert [e.actor_name for e in events] == [
        "留言人",
        "a_editor",
        "a_editor",
        "a_editor",
        "b_editor",
        "b_moderator",
    ]
    assert all(e.created_at for e in events)
    transfer = events[3]
    assert (transfer.from_site, transfer.to_site) == (cluster.county_a, cluster.county_b)

    # The citizen follows it on the site where they wrote, with code + phone.
    status = citizen.post(
        BOARD_PATH + "status/", {"tracking_code": message.tracking_code, "phone": message.phone}
    ).content.decode()
    for text in (
        "已分办至安宁县人民政府办理",
        "已转办至清源县人民政府办理",
        "答复已发布",
        reply_text,
    ):
        assert text in status
    assert "已电话联系城管大队" not in status  # internal notes stay internal
    assert "b_editor" not in status

    # Public: listed on both boards, with 留言时间, 答复时间 and the answering organisation.
    for host in (COUNTY_A_HOST, "qingyuan.localhost"):
        listing = host_client(host).get(BOARD_PATH).content.decode()
        assert "县城南门菜市场占道经营问题" in listing and "清源县人民政府" in listing
    found = citizen.get(BOARD_PATH, {"q": "菜市场"}).content.decode()
    assert "县城南门菜市场占道经营问题" in found
    assert "县城南门菜市场" not in citizen.get(BOARD_PATH, {"q": "供暖"}).content.decode()
    detail = citizen.get(f"{BOARD_PATH}{message.pk}/").content.decode()
    assert reply_text in detail and "王**" in detail and "13909170001" not in detail
    suggestions = citizen.get(BOARD_PATH + "suggest/", {"q": "菜市场占道"}).json()["results"]
    assert suggestions and suggestions[0]["title"] == "县城南门菜市场占道经营问题"


def test_rejected_reply_goes_back_and_needs_a_reason(cluster, orgs, boards, staff):
    post_message(host_client(COUNTY_A_HOST))
    message = Message.objects.get()
    step(staff["a_editor"], message, Action.ASSIGN, organisation=orgs["county_a_edu"].pk)
    step(staff["a_editor"], message, Action.DRAFT_REPLY, body="已收悉。")
    no_reason = step(staff["a_moderator"], message, Action.REJECT_REPLY, note="")
    assert no_reason.status_code == 200 and "此项为必填项" in no_reason.content.decode()
    step(staff["a_moderator"], message, Action.REJECT_REPLY, note="答复过于简单，请说明处理措施")
    message.refresh_from_db()
    assert message.status == Status.ASSIGNED
    assert message.replies.get().review_note == "答复过于简单，请说明处理措施"
    assert message.published_reply() is None


def test_invalid_message_keeps_its_reason_for_auditors(cluster, orgs, boards, staff):
    post_message(host_client(COUNTY_A_HOST))
    message = Message.objects.get()
    assert step(staff["a_editor"], message, Action.MARK_INVALID, reason="").status_code == 200
    step(staff["a_editor"], message, Action.MARK_INVALID, reason="重复发送的广告信息")
    message.refresh_from_db()
    assert message.status == Status.INVALID and message.invalid_reason == "重复发送的广告信息"
    page = host_client(COUNTY_A_HOST, staff["a_moderator"]).get(url(message)).content.decode()
    assert "重复发送的广告信息" in page
    status = host_client(COUNTY_A_HOST).post(
        BOARD_PATH + "status/", {"tracking_code": message.tracking_code, "phone": message.phone}
    )
    assert "无效留言" in status.content.decode()


def test_editor_of_county_a_cannot_read_county_b_private_messages_or_replies(
    cluster, orgs, boards, staff
):
    post_message(host_client("qingyuan.localhost"), subject="清源县私密留言", is_public="0")
    message = Message.objects.get()
    workflow.assign(message, orgs["county_b"], user=staff["b_editor"])
    workflow.draft_reply(message, user=staff["b_editor"], body="清源县的私密答复内容")
    a_client = host_client(COUNTY_A_HOST, staff["a_editor"])
    assert a_client.get(url(message)).status_code == 404
    assert step(staff["a_moderator"], message, Action.PUBLISH_REPLY).status_code == 404
    inbox = a_client.get(reverse("interaction_admin:index")).content.decode()
    assert "清源县私密留言" not in inbox
    attachment = reverse("interaction_admin:attachment", args=[message.pk, 1])
    assert a_client.get(attachment).status_code == 404
    b_page = host_client(COUNTY_A_HOST, staff["b_editor"]).get(url(message)).content.decode()
    assert "清源县私密留言" in b_page and "清源县的私密答复内容" in b_page
    # Never public either.
    listing = host_client("qingyuan.localhost").get(BOARD_PATH).content.decode()
    assert "清源县私密留言" not in listing


def test_inbox_flags_overdue_and_two_and_three_months(cluster, orgs, boards, staff, settings):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    ages = {"fresh": 1, "overdue": 20, "two_months": 65, "three_months": 100}
    for label, days in ages.items():
        m = Message(
            site=cluster.county_a,
            kind="consult",
            name="李华",
            phone="13900000000",
            subject=f"测试留言{label}",
            content="测试留言内容，测试留言内容。",
        )
        workflow.submit(m, now=now - dt.timedelta(days=days))
    client = host_client(COUNTY_A_HOST, staff["a_editor"])
    index = reverse("interaction_admin:index")
    body = client.get(index).content.decode()
    assert "已超期" in body and "超过2个月未答复" in body and "超过3个月未答复" in body
    veto = client.get(index, {"flag": "veto"}).content.decode()
    assert "测试留言three_months" in veto and "测试留言two_months" not in veto
    warning = client.get(index, {"flag": "warning"}).content.decode()
    assert "测试留言two_months" in warning and "测试留言three_months" not in warning
    overdue = client.get(index, {"flag": "overdue"}).content.decode()
    assert "测试留言fresh" not in overdue and "测试留言overdue" in overdue
