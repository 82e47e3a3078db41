"""Admin scoping: the staff of county A read and export their consultations' answers and moderate
their interviews' questions; county B's are not there for them (404), and citizens get nothing."""

import pytest
from django.urls import reverse

from cms.participation.models import InterviewQuestion
from tests.cms.participation.conftest import answer_data
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(cluster, make_consultation):
    a = make_consultation(cluster.county_a, title="安宁县问卷")
    b = make_consultation(cluster.county_b, title="清源县问卷")
    # The 多选 values arrive in the reverse of the options' order: the export lists them in
    # the options' order all the same.
    multiple = f"q{list(a.questions.all())[1].pk}"
    data = answer_data(a, **{multiple: ["社区养老服务站", "老旧小区改造"]})
    assert host_client(COUNTY_A_HOST).post(a.url, data).status_code == 302
    data = answer_data(b, mobile="13800000000", name="=HYPERLINK()")
    assert host_client(COUNTY_B_HOST).post(b.url, data).status_code == 302
    return a, b


def test_staff_of_a_see_and_export_only_their_answers(answered, cluster, make_user):
    a, b = answered
    editor = make_user("a_editor", groups=[cluster.county_a.editors_group])
    client = host_client(COUNTY_A_HOST, editor)
    listing = client.get(reverse("consultation_answers:index")).content.decode()
    assert "安宁县问卷" in listing and "清源县问卷" not in listing
    detail = client.get(reverse("consultation_answers:answers", args=(a.pk,)))
    assert detail.status_code == 200 and "建议加装电梯。" in detail.content.decode()
    export = client.get(reverse("consultation_answers:export", args=(a.pk,)))
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("答卷编号,提交时间,称呼,您最关注的民生领域是？")
    assert "老旧小区改造；社区养老服务站" in text and "13909170001" not in text

    assert client.get(reverse("consultation_answers:answers", args=(b.pk,))).status_code == 404
    assert client.get(reverse("consultation_answers:export", args=(b.pk,))).status_code == 404


def test_export_neutralises_spreadsheet_formulas(answered, cluster, make_user):
    _, b = answered
    client = host_client(
        COUNTY_B_HOST, make_user("b_mod", groups=[cluster.county_b.moderators_group])
    )
    text = client.get(reverse("consultation_answers:export", args=(b.pk,))).content.decode()
    assert "'=HYPERLINK()" in text


def test_anonymous_and_unrelated_users_get_no_answers(answered, make_user):
    a, _ = answered
    url = reverse("consultation_answers:export", args=(a.pk,))
    assert host_client(COUNTY_A_HOST).get(url).status_code == 302  # to the login page
    stranger = host_client(COUNTY_A_HOST, make_user("nobody"))
    assert stranger.get(url).status_code in (302, 403, 404)


def test_interview_questions_are_scoped_per_site(cluster, make_interview, make_user):
    a = make_interview(cluster.county_a)
    b = make_interview(cluster.county_b)
    host_client(COUNTY_A_HOST).post(a.url, {"content": "安宁县的提问内容"})
    host_client(COUNTY_B_HOST).post(b.url, {"content": "清源县的提问内容"})
    question_b = InterviewQuestion.objects.get(site=cluster.county_b)
    editor = make_user("a_editor", groups=[cluster.county_a.editors_group])
    client = host_client(COUNTY_A_HOST, editor)
    listing = client.get(reverse("interview_questions:index")).content.decode()
    assert "安宁县的提问内容" in listing and "清源县的提问内容" not in listing
    edit_b = reverse("interview_questions:edit", args=(question_b.pk,))
    assert client.get(edit_b).status_code == 404
    assert client.post(edit_b, {"status": "approved"}).status_code == 404
    question_b.refresh_from_db()
    assert question_b.status == "pending"
