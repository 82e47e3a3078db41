"""Interviews over HTTP: guests, time and a sanitised transcript; questions sent beforehand are
held for moderation and shown only once staff approve them in the admin."""

import pytest
from django.urls import reverse

from cms.participation.models import InterviewQuestion, ModerationStatus
from cms.participation.views import QUESTIONS_CLOSED
from search.documents import build_document
from tests.cms.participation.conftest import DAY
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


def test_interview_page_shows_guests_time_and_meta(make_interview):
    page = make_interview(host_organisation="安宁县人民政府办公室", keywords="营商环境")
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert "陈志远" in body and "安宁县副县长" in body and "访谈时间" in body
    assert "主持人：欢迎各位网友" in body and 'name="content"' in body
    assert '<meta name="ContentSource" content="安宁县人民政府办公室">' in body
    assert '<meta name="ArticleTitle" content="优化营商环境在线访谈' in body


def test_transcript_is_sanitised_on_save(make_interview):
    page = make_interview(transcript='<p onclick="x()">实录</p><script>alert(1)</script>')
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert "实录" in body and "alert(1)" not in body and "onclick" not in body


def test_a_question_waits_for_moderation_then_appears(make_interview, cluster, make_user):
    page = make_interview()
    client = host_client(COUNTY_A_HOST)
    response = client.post(page.url, {"nickname": "创业青年", "content": "个体户注册要多久？"})
    assert response.status_code == 302 and response["Location"].endswith("?asked=1")
    question = InterviewQuestion.objects.get()
    assert question.status == ModerationStatus.PENDING and question.site == cluster.county_a
    assert "个体户注册要多久" not in client.get(page.url).content.decode()
    assert "经审核后显示" in client.get(response["Location"]).content.decode()

    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    admin = host_client(COUNTY_A_HOST, moderator)
    edit = reverse("interview_questions:edit", args=(question.pk,))
    saved = admin.post(edit, {"status": "approved", "moderation_note": "", "answer": "当场办结。"})
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.moderated_by == moderator and question.moderated_at is not None
    body = client.get(page.url).content.decode()
    assert "个体户注册要多久" in body and "创业青年" in body and "当场办结。" in body


def test_questions_are_refused_after_the_interview(make_interview):
    page = make_interview(starts=-DAY)
    client = host_client(COUNTY_A_HOST)
    assert 'name="content"' not in client.get(page.url).content.decode()
    response = client.post(page.url, {"content": "还能提问吗？请回答。"})
    assert response.status_code == 403 and QUESTIONS_CLOSED in response.content.decode()
    assert not InterviewQuestion.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"content": ""}, "请填写问题内容。"),
        ({"content": "太短"}, "问题内容不能少于5个字。"),
        ({"content": "问" * 501}, "问题不能超过500个字。"),
        ({"content": "关于营商环境的问题", "nickname": "名" * 31}, "称呼不能超过30个字。"),
    ],
)
def test_bad_questions_are_refused_in_chinese_keeping_the_text(make_interview, data, message):
    page = make_interview()
    response = host_client(COUNTY_A_HOST).post(page.url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if data["content"] and len(data["content"]) <= 500:
        assert data["content"] in body
    assert not InterviewQuestion.objects.exists()


def test_search_document_has_guests_and_transcript(make_interview):
    document = build_document(make_interview())
    assert "陈志远" in document.body and "欢迎各位网友" in document.body
