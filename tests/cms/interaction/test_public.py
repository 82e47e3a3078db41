"""The public message board through the Django test client: the form (CSRF, Chinese errors, kept
input, verification, attachments by content, rate limits that keep what was typed), the receipt
and status lookup, the answered list and search, suggestions and the monthly statistics."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cms.interaction.models import Action, Message, Status
from cms.interaction.views import NOT_FOUND_MESSAGE, THROTTLED_MESSAGE
from tests.cms.interaction.conftest import BOARD_PATH, message_data, post_message, solve
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def test_column_lists_the_board_and_form_renders(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    column = client.get("/hdjl/")
    assert column.status_code == 200
    assert "领导信箱" in column.content.decode()
    form = client.get(BOARD_PATH + "write/")
    body = form.content.decode()
    assert form.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in body
    for label in ("咨询", "建言", "投诉", "验证题：", "同意公开"):
        assert label in body


def test_valid_message_is_filed_with_a_tracking_code_and_due_date(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    response = post_message(client)
    assert response.status_code == 302
    assert response["Location"] == BOARD_PATH + "submitted/"
    message = Message.objects.get()
    assert message.site == message.origin_site == cluster.county_a
    assert message.status == Status.RECEIVED
    assert message.phone == "13909170001"
    assert message.tracking_code.startswith("LY")
    assert message.due_date > message.received_on
    assert message.events.get().action == Action.SUBMIT
    assert message.tracking_code in client.get(BOARD_PATH + "submitted/").content.decode()


def test_kinds_are_configurable_per_site(cluster, boards):
    board = boards["county_b"]
    board.accepts_complaint = False
    board.save_revision().publish()
    body = host_client(COUNTY_B_HOST).get(BOARD_PATH + "write/").content.decode()
    assert "建言" in body and 'value="complaint"' not in body
    response = post_message(host_client(COUNTY_B_HOST), kind="complaint")
    assert response.status_code == 200
    assert "请选择本网站受理的留言类型" in response.content.decode()
    assert not Message.objects.exists()


def test_reply_deadline_is_configurable_per_site(cluster, boards):
    board = boards["county_b"]
    board.reply_workdays = 5
    board.save_revision().publish()
    post_message(host_client(COUNTY_A_HOST))
    post_message(host_client(COUNTY_B_HOST))
    from cms.workdays.calendar import workdays_between

    a, b = Message.objects.order_by("pk")
    assert workdays_between(a.received_on, a.due_date) == 10
    assert workdays_between(b.received_on, b.due_date) == 5


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"name": ""}, "此项为必填项"),
        ({"subject": "   "}, "此项为必填项"),
        ({"content": "太短了"}, "至少写10个字"),
        ({"phone": "12345"}, "11位手机号码"),
        ({"email": "not-an-email"}, "请填写正确的电子邮箱地址"),
        ({"kind": "other"}, "请选择本网站受理的留言类型"),
        ({"is_public": ""}, "此项为必填项"),
    ],
)
def test_bad_input_gets_chinese_errors_and_keeps_what_was_typed(cluster, boards, overrides, error):
    response = post_message(host_client(COUNTY_A_HOST), **overrides)
    body = response.content.decode()
    assert response.status_code == 200
    assert error in body
    assert "提交未成功" in body
    kept = "王建国" if "name" not in overrides else "小区门口道路积水何时修复"
    assert kept in body  # what was typed comes back
    assert not Message.objects.exists()


def test_wrong_or_replayed_verification_answer_is_refused(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    page = client.get(BOARD_PATH + "write/").content.decode()
    answer = solve(page)
    wrong = {**answer, "challenge_answer": str(int(answer["challenge_answer"]) + 1)}
    response = client.post(BOARD_PATH + "write/", {**message_data(), **wrong})
    assert "验证题答案不正确" in response.content.decode()
    assert "王建国" in response.content.decode()
    assert client.post(BOARD_PATH + "write/", {**message_data(), **answer}).status_code == 302
    replay = client.post(BOARD_PATH + "write/", {**message_data(), **answer})
    assert "验证题已使用过" in replay.content.decode()
    forged = {"challenge_answer": "3", "challenge_token": "abc:def"}
    assert (
        "验证题无效"
        in client.post(BOARD_PATH + "write/", {**message_data(), **forged}).content.decode()
    )
    assert Message.objects.count() == 1


def test_post_without_csrf_token_is_refused(cluster, boards):
    client = Client(HTTP_HOST=COUNTY_A_HOST, enforce_csrf_checks=True)
    page = client.get(BOARD_PATH + "write/").content.decode()
    response = client.post(BOARD_PATH + "write/", {**message_data(), **solve(page)})
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_attachments_are_checked_by_content(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    fake = SimpleUploadedFile(
        "现场照片.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg"
    )
    response = post_message(client, files=[fake])
    assert "内容与扩展名不符" in response.content.decode()
    exe = SimpleUploadedFile("说明.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert "格式不允许" in post_message(client, files=[exe]).content.decode()
    good = [
        SimpleUploadedFile("积水照片.png", PNG, content_type="image/png"),
        SimpleUploadedFile("情况说明.pdf", PDF, content_type="application/pdf"),
    ]
    assert post_message(client, files=good).status_code == 302
    message = Message.objects.get()
    assert sorted(a.original_name for a in message.attachments.all()) == [
        "情况说明.pdf",
        "积水照片.png",
    ]


def test_rate_limit_is_per_ip_and_site_and_keeps_the_message(cluster, boards, settings):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {
        "submit_ip": (2, 3600),
        "submit_phone": (10, 3600),
        "status": (20, 3600),
    }
    abuser = host_client(COUNTY_A_HOST)
    for n in range(2):
        assert post_message(abuser, phone=f"1390917000{n}").status_code == 302
    throttled = post_message(abuser, phone="13909170009", subject="第三条留言的标题")
    body = throttled.content.decode()
    assert throttled.status_code == 429
    assert THROTTLED_MESSAGE in body
    assert "第三条留言的标题" in body and "验证题：" in body  # kept, with a new question
    # Someone else on the same site, and the same IP on another site, are not locked out.
    other = Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.0.0.9")
    assert post_message(other, phone="13909170010").status_code == 302
    assert post_message(host_client(COUNTY_B_HOST), phone="13909170011").status_code == 302
    assert Message.objects.count() == 4


def test_rate_limit_per_phone_across_ips(cluster, boards, settings):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {
        "submit_ip": (10, 3600),
        "submit_phone": (1, 3600),
        "status": (20, 3600),
    }
    assert post_message(Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.0.0.1")).status_code == 302
    again = post_message(Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.0.0.2"))
    assert again.status_code == 429
    assert Message.objects.count() == 1


def test_status_page_needs_code_and_phone(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    post_message(client)
    message = Message.objects.get()
    ok = client.post(
        BOARD_PATH + "status/",
        {"tracking_code": message.tracking_code.lower(), "phone": "139 0917 0001"},
    )
    body = ok.content.decode()
    assert "待分办" in body and "网上提交留言" in body
    for data, host in (
        ({"tracking_code": message.tracking_code, "phone": "13900000000"}, COUNTY_A_HOST),
        ({"tracking_code": "LY2222222222", "phone": message.phone}, COUNTY_A_HOST),
        ({"tracking_code": message.tracking_code, "phone": message.phone}, COUNTY_B_HOST),
    ):
        response = host_client(host).post(BOARD_PATH + "status/", data)
        assert NOT_FOUND_MESSAGE in response.content.decode()
        assert message.subject not in response.content.decode()
    empty = client.post(BOARD_PATH + "status/", {"tracking_code": "", "phone": ""})
    assert "此项为必填项" in empty.content.decode()


def test_unknown_or_private_message_detail_is_404(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    post_message(client)
    message = Message.objects.get()
    assert client.get(f"{BOARD_PATH}{message.pk}/").status_code == 404
    assert client.get(f"{BOARD_PATH}999999/").status_code == 404


def test_suggest_endpoint_returns_json(cluster, boards):
    client = host_client(COUNTY_A_HOST)
    response = client.get(BOARD_PATH + "suggest/", {"q": "道路积水"})
    assert response.status_code == 200
    assert json.loads(response.content) == {"results": []}
    assert client.get(BOARD_PATH + "suggest/", {"q": "\x00"}).status_code == 200


@pytest.mark.parametrize("answer", ["¹", "²³", "①", "五", "８"])
def test_unusual_digits_in_the_answer_are_an_error_not_a_crash(cluster, boards, answer):
    # Found by fuzzing: "¹".isdigit() is true but int("¹") raises.
    client = host_client(COUNTY_A_HOST)
    token = solve(client.get(BOARD_PATH + "write/").content.decode())["challenge_token"]
    data = {**message_data(), "challenge_answer": answer, "challenge_token": token}
    response = client.post(BOARD_PATH + "write/", data)
    assert response.status_code in (200, 302)
