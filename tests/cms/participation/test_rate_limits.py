"""Per-IP rate limits of the participation forms (the one limiter of cms/interaction/ratelimit.py):
past the limit a consultation answer or an interview question is refused with 429 and a Chinese
message, the form comes back with what was typed, and other addresses are not affected."""

import pytest
from django.test import Client

from cms.interaction.ratelimit import THROTTLED_FORM_MESSAGE
from cms.participation.models import ConsultationResponse, InterviewQuestion
from tests.cms.participation.conftest import answer_data
from tests.conftest import COUNTY_A_HOST

pytestmark = pytest.mark.django_db


def _client(ip: str) -> Client:
    return Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR=ip)


def test_consultation_answers_are_limited_per_ip_keeping_the_answers(make_consultation, settings):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {"consultation_ip": (2, 3600)}
    page = make_consultation()
    abuser = _client("203.0.113.7")
    for n in (1, 2):
        assert abuser.post(page.url, answer_data(page, mobile=f"1390917000{n}")).status_code == 302
        abuser.cookies.clear()  # a new "person" each time: only the IP counts here
    refused = abuser.post(page.url, answer_data(page, mobile="13909170003", name="李明"))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert THROTTLED_FORM_MESSAGE in html
    assert 'value="13909170003"' in html and 'value="李明"' in html
    assert ConsultationResponse.objects.count() == 2
    # Someone else on another address answers as usual.
    neighbour = _client("198.51.100.20")
    assert neighbour.post(page.url, answer_data(page, mobile="13909170009")).status_code == 302
    # The limit is per page: the same address may answer another consultation.
    other = make_consultation()
    assert abuser.post(other.url, answer_data(other, mobile="13909170003")).status_code == 302


def test_interview_questions_are_limited_per_ip_keeping_the_text(make_interview, settings):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {"interview_ip": (1, 3600)}
    page = make_interview()
    abuser = _client("203.0.113.8")
    first = {"nickname": "网友", "content": "个体户注册要多久？"}
    assert abuser.post(page.url, first).status_code == 302
    refused = abuser.post(
        page.url, {"nickname": "网友", "content": "第二个问题：营业执照能网上办吗？"}
    )
    assert refused.status_code == 429
    html = refused.content.decode()
    assert THROTTLED_FORM_MESSAGE in html and "第二个问题：营业执照能网上办吗？" in html
    assert InterviewQuestion.objects.count() == 1
    assert _client("198.51.100.21").post(page.url, first).status_code == 302
    # Invalid input is not counted: it is refused with the form error, not 429.
    assert abuser.post(page.url, {"content": ""}).status_code == 200
