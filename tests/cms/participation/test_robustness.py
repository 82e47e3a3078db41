"""The public participation forms survive the XSS corpus of the sanitiser tests (nothing typed is
ever rendered as markup, on the public page or in the admin) and random input (never a 500)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.participation.models import InterviewQuestion
from tests.cms.core.test_sanitize import XSS_VECTORS
from tests.cms.participation.conftest import DAY, answer_data
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Every vector comes from one test client address; the limits are tested elsewhere."""
    settings.JIYUE_MESSAGE_RATE_LIMITS = {
        "consultation_ip": (10_000, 60),
        "interview_ip": (10_000, 60),
    }


def test_xss_vectors_in_consultation_answers_are_inert(make_consultation, make_user, cluster):
    page = make_consultation()
    text = f"q{list(page.questions.all())[2].pk}"
    for n, vector in enumerate(XSS_VECTORS):
        data = answer_data(page, mobile=f"1391234{n:04d}", name=vector[:50], **{text: vector})
        response = host_client(COUNTY_A_HOST).post(page.url, data)
        assert response.status_code in (200, 302)
    admin = host_client(COUNTY_A_HOST, make_user("mod", groups=[cluster.county_a.moderators_group]))
    body = admin.get(reverse("consultation_answers:answers", args=(page.pk,))).content.decode()
    assert "<svg onload" not in body
    for vector in XSS_VECTORS:
        assert vector not in body, vector


def test_xss_vectors_in_interview_questions_are_inert(make_interview):
    page = make_interview()
    for vector in XSS_VECTORS:
        response = host_client(COUNTY_A_HOST).post(
            page.url, {"nickname": vector[:30], "content": f"提问内容：{vector}"}
        )
        assert response.status_code in (200, 302)
        assert vector not in response.content.decode()
    InterviewQuestion.objects.update(status="approved")
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert body.count("提问内容：") == len(XSS_VECTORS)
    for vector in XSS_VECTORS:
        assert vector not in body, vector


TEXT = st.text(max_size=60)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "name": TEXT,
        "mobile": st.one_of(TEXT, st.from_regex(r"1[3-9]\d{9}", fullmatch=True)),
        "single": TEXT,
        "multiple": st.lists(TEXT, max_size=4),
        "text": st.text(max_size=2100),
        "nickname": TEXT,
        "content": st.text(max_size=520),
    },
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(fields=FIELDS)
def test_fuzzed_answers_never_500(make_consultation, fields):
    page = make_consultation()
    single, multiple, text = (f"q{q.pk}" for q in page.questions.all())
    names = {"single": single, "multiple": multiple, "text": text}
    data = {names.get(k, k): v for k, v in fields.items() if k not in ("nickname", "content")}
    response = host_client(COUNTY_A_HOST).post(page.url, data)
    assert response.status_code < 500, data


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(fields=FIELDS)
def test_fuzzed_questions_never_500(make_interview, fields):
    page = make_interview()
    response = host_client(COUNTY_A_HOST).post(page.url, fields)
    assert response.status_code < 500, fields


def test_nul_bytes_are_refused_not_stored(make_consultation, make_interview):
    page = make_consultation()
    text = f"q{list(page.questions.all())[2].pk}"
    response = host_client(COUNTY_A_HOST).post(page.url, answer_data(page, **{text: "意见\x00"}))
    assert response.status_code == 200 and "不允许的字符" in response.content.decode()
    interview = make_interview(starts=DAY)
    response = host_client(COUNTY_A_HOST).post(interview.url, {"content": "问题内容\x00很长"})
    assert response.status_code == 200 and "不允许的字符" in response.content.decode()
