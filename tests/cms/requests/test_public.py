"""The public request form, receipt page and status lookup, through the Django test client."""

import pytest
from django.test import Client

from cms.requests.models import RequestCase
from cms.requests.views import NOT_FOUND_MESSAGE
from cms.requests.workflow import Action, State
from tests.cms.requests.conftest import VALID_CREDIT_CODE, applicant_data
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

pytestmark = pytest.mark.django_db


def test_form_page_renders_in_the_site_theme(cluster):
    response = host_client(COUNTY_A_HOST).get("/yisqgk/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "政府信息公开申请" in body
    assert cluster.county_a.canonical_name in body
    assert 'name="csrfmiddlewaretoken"' in body
    for label in (
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "纸质",
        "网上获取",
    ):
        assert label in body


def test_valid_request_is_filed_on_the_site_it_came_from(cluster):
    client = host_client(COUNTY_A_HOST)
    response = client.post("/yisqgk/", applicant_data(phone="139-0917-0001"))
    assert response.status_code == 302
    assert response["Location"] == "/yisqgk/submitted/"
    case = RequestCase.objects.get()
    assert case.site == cluster.county_a
    assert case.state == State.SUBMITTED
    assert case.phone == "13909170001"
    assert case.received_date is None  # receipt is when staff confirm (条例 第三十一条)
    assert case.events.get().action == Action.SUBMIT
    page = client.get("/yisqgk/submitted/")
    assert case.tracking_code in page.content.decode()


def test_organisation_request_needs_a_valid_credit_code(cluster):
    client = host_client(COUNTY_A_HOST)
    data = applicant_data(
        applicant_type="commercial",
        applicant_name="宏达建材有限公司",
        id_type="",
        id_number="",
        credit_code="91350100M000100Y44",
    )
    response = client.post("/yisqgk/", data)
    assert response.status_code == 200
    assert "统一社会信用代码不正确" in response.content.decode()
    data["credit_code"] = VALID_CREDIT_CODE.lower()
    assert client.post("/yisqgk/", data).status_code == 302
    case = RequestCase.objects.get()
    assert (case.credit_code, case.id_number) == (VALID_CREDIT_CODE, "")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "居民身份证号码不正确"),
        ({"id_number": ""}, "须填写身份证件号码"),
        ({"applicant_name": ""}, "此项为必填项"),
        ({"description": ""}, "此项为必填项"),
        ({"phone": "12345"}, "11位手机号码"),
        ({"delivery_method": "post", "address": ""}, "须填写通信地址"),
        ({"delivery_method": "email", "email": ""}, "须填写电子邮箱"),
        ({"info_format": ""}, "此项为必填项"),
    ],
)
def test_invalid_request_shows_field_errors_and_saves_nothing(cluster, overrides, message):
    response = host_client(COUNTY_A_HOST).post("/yisqgk/", applicant_data(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "提交未成功" in body
    assert not RequestCase.objects.exists()


def test_post_without_csrf_token_is_refused(cluster):
    client = Client(HTTP_HOST=COUNTY_A_HOST, enforce_csrf_checks=True)
    response = client.post("/yisqgk/", applicant_data())
    assert response.status_code == 403
    assert not RequestCase.objects.exists()


def test_post_with_csrf_token_is_accepted(cluster):
    client = Client(HTTP_HOST=COUNTY_A_HOST, enforce_csrf_checks=True)
    client.get("/yisqgk/")
    token = client.cookies["csrftoken"].value
    response = client.post("/yisqgk/", {**applicant_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_too_many_submissions_from_one_ip_get_429(cluster, settings):
    settings.JIYUE_REQUEST_RATE_LIMITS = {"submit": (3, 3600), "status": (20, 3600)}
    client = host_client(COUNTY_A_HOST)
    for _ in range(3):
        assert client.post("/yisqgk/", applicant_data()).status_code == 302
    response = client.post("/yisqgk/", applicant_data())
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert RequestCase.objects.count() == 3
    other_ip = Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.0.0.9")
    assert other_ip.post("/yisqgk/", applicant_data()).status_code == 302


def test_the_limit_is_per_site_keeps_what_was_typed_and_ignores_own_mistakes(cluster, settings):
    settings.JIYUE_REQUEST_RATE_LIMITS = {
        "submit": (1, 3600),
        "invalid": (3, 3600),
        "status": (20, 3600),
    }
    client = host_client(COUNTY_A_HOST)
    for _ in range(3):  # form errors corrected: they do not use up the allowance
        assert client.post("/yisqgk/", applicant_data(phone="")).status_code == 200
    assert client.post("/yisqgk/", applicant_data()).status_code == 302
    throttled = client.post("/yisqgk/", applicant_data(description="第二份申请的内容"))
    body = throttled.content.decode()
    assert throttled.status_code == 429 and "提交过于频繁" in body
    assert "第二份申请的内容" in body  # the form comes back as typed
    assert RequestCase.objects.count() == 1
    # The same address on another site of the cluster is not throttled.
    assert host_client(COUNTY_B_HOST).post("/yisqgk/", applicant_data()).status_code == 302


def _file(client) -> RequestCase:
    client.post("/yisqgk/", applicant_data())
    return RequestCase.objects.latest("pk")


def test_status_page_shows_progress_for_code_and_phone(cluster):
    client = host_client(COUNTY_A_HOST)
    case = _file(client)
    response = client.post(
        "/yisqgk/status/", {"tracking_code": case.tracking_code.lower(), "phone": "139 0917 0001"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "已提交待确认" in body
    assert "网上提交申请" in body
    assert case.id_number not in body


def test_status_page_gives_one_message_for_wrong_code_or_phone(cluster):
    client = host_client(COUNTY_A_HOST)
    case = _file(client)
    wrong_phone = client.post(
        "/yisqgk/status/", {"tracking_code": case.tracking_code, "phone": "13900000000"}
    )
    wrong_code = client.post(
        "/yisqgk/status/", {"tracking_code": "GK2222222222", "phone": case.phone}
    )
    other_site = host_client(COUNTY_B_HOST).post(
        "/yisqgk/status/", {"tracking_code": case.tracking_code, "phone": case.phone}
    )
    for response in (wrong_phone, wrong_code, other_site):
        assert response.status_code == 200
        body = response.content.decode()
        assert NOT_FOUND_MESSAGE in body
        assert "已提交待确认" not in body


def test_status_lookups_are_rate_limited(cluster, settings):
    settings.JIYUE_REQUEST_RATE_LIMITS = {"submit": (5, 3600), "status": (2, 3600)}
    client = host_client(COUNTY_A_HOST)
    data = {"tracking_code": "GK2222222222", "phone": "13900000000"}
    assert client.post("/yisqgk/status/", data).status_code == 200
    assert client.post("/yisqgk/status/", data).status_code == 200
    assert client.post("/yisqgk/status/", data).status_code == 429
