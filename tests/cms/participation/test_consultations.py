"""Consultations over HTTP: one answer per person (mobile-number key, not only the cookie), the
open window, results and 采纳情况 only after closing, Chinese errors that keep what was typed."""

import datetime as dt

import pytest
from django.test import Client

from cms.participation.identity import respondent_key
from cms.participation.models import ConsultationAnswer, ConsultationResponse
from cms.participation.views import ALREADY_ANSWERED, DUPLICATE_MOBILE
from tests.cms.participation.conftest import DAY, answer_data
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


def test_form_renders_with_csrf_and_every_question(make_consultation):
    page = make_consultation()
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in body
    for text in ("您最关注的民生领域是？", "老旧小区改造", "其他意见建议", "手机号码", "征集中"):
        assert text in body


def test_a_valid_answer_is_stored_without_the_phone_number(make_consultation, cluster):
    page = make_consultation()
    client = host_client(COUNTY_A_HOST)
    response = client.post(page.url, answer_data(page))
    assert response.status_code == 302 and response["Location"].endswith("?submitted=1")
    stored = ConsultationResponse.objects.get()
    assert stored.site == cluster.county_a
    assert stored.respondent_key == respondent_key(page.pk, "13909170001")
    assert "13909170001" not in stored.respondent_key
    values = sorted(ConsultationAnswer.objects.values_list("value", flat=True))
    assert values == sorted(["教育", "老旧小区改造", "社区养老服务站", "建议加装电梯。"])
    thanks = client.get(response["Location"]).content.decode()
    assert "提交成功" in thanks and 'name="mobile"' not in thanks


def test_one_answer_per_person_even_without_the_cookie(make_consultation):
    page = make_consultation()
    assert host_client(COUNTY_A_HOST).post(page.url, answer_data(page)).status_code == 302
    # A fresh browser (no cookie), same person writing the number differently.
    again = host_client(COUNTY_A_HOST).post(page.url, answer_data(page, mobile="+86 13909170001"))
    assert again.status_code == 200
    assert DUPLICATE_MOBILE in again.content.decode()
    assert ConsultationResponse.objects.count() == 1


def test_the_cookie_also_refuses_a_second_answer_with_another_number(make_consultation):
    page = make_consultation()
    client = host_client(COUNTY_A_HOST)
    assert client.post(page.url, answer_data(page)).status_code == 302
    again = client.post(page.url, answer_data(page, mobile="13909170002"))
    assert again.status_code == 403
    assert ALREADY_ANSWERED in again.content.decode()
    assert ConsultationResponse.objects.count() == 1


def test_the_same_number_may_answer_another_consultation(make_consultation):
    first, second = make_consultation(), make_consultation()
    assert host_client(COUNTY_A_HOST).post(first.url, answer_data(first)).status_code == 302
    assert host_client(COUNTY_A_HOST).post(second.url, answer_data(second)).status_code == 302
    assert ConsultationResponse.objects.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(DAY, 2 * DAY, "本次征集尚未开始"), (-2 * DAY, -DAY, "本次征集已于")],
)
def test_answers_outside_the_open_window_are_refused(make_consultation, opens, closes, message):
    page = make_consultation(opens=opens, closes=closes)
    client = host_client(COUNTY_A_HOST)
    assert 'name="mobile"' not in client.get(page.url).content.decode()
    response = client.post(page.url, answer_data(page))
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_results_and_feedback_appear_only_after_closing(make_consultation):
    page = make_consultation(feedback="<p>老旧小区改造的建议已采纳。</p>")
    for n in range(3):
        mobile = f"1390917000{n}"
        choice = "教育" if n < 2 else "养老"
        data = answer_data(page, mobile=mobile, **{f"q{page.questions.first().pk}": choice})
        assert host_client(COUNTY_A_HOST).post(page.url, data).status_code == 302
    open_body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert "征集结果" not in open_body and "<svg" not in open_body
    assert "采纳情况" not in open_body

    page.closes_at = page.opens_at + dt.timedelta(hours=1)
    page.save_revision().publish()
    closed = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert "共收到有效答卷 3 份" in closed
    assert '<svg class="result-chart" role="img"' in closed
    assert "2票 66.7%" in closed and "1票 33.3%" in closed
    assert "采纳情况" in closed and "老旧小区改造的建议已采纳" in closed
    assert "建议加装电梯" not in closed  # free text stays with staff
    assert "cdn" not in closed.lower() and '<script src="http' not in closed


def test_results_can_be_kept_unpublished(make_consultation):
    page = make_consultation(opens=-2 * DAY, closes=-DAY, publish_results=False)
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    assert "结果不公开发布" in body and "<svg" not in body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"mobile": "12345"}, "请填写11位手机号码。"),
        ({"mobile": ""}, "请填写手机号码。"),
        ({"q_single": ""}, "请选择一项。"),
        ({"q_single": "不存在的选项"}, "请从列出的选项中选择。"),
        ({"q_multiple": []}, "请至少选择一项。"),
        ({"q_text": "长" * 2001}, "不能超过2000个字。"),
        ({"name": "名" * 51}, "称呼不能超过50个字。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_keeps_what_was_typed(
    make_consultation, overrides, message
):
    page = make_consultation()
    single, multiple, text = (f"q{q.pk}" for q in page.questions.all())
    renamed = {"q_single": single, "q_multiple": multiple, "q_text": text}
    data = answer_data(page, **{renamed.get(k, k): v for k, v in overrides.items()})
    data.setdefault(text, "建议加装电梯。")
    response = host_client(COUNTY_A_HOST).post(page.url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "提交未成功" in body
    if text not in overrides and "q_text" not in overrides:
        assert "建议加装电梯。" in body
    assert not ConsultationResponse.objects.exists()


def test_post_without_csrf_token_is_refused(make_consultation):
    page = make_consultation()
    client = Client(HTTP_HOST=COUNTY_A_HOST, enforce_csrf_checks=True)
    assert client.post(page.url, answer_data(page)).status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_close_must_follow_open(make_consultation):
    from django.core.exceptions import ValidationError

    page = make_consultation()
    page.closes_at = page.opens_at
    with pytest.raises(ValidationError, match="截止时间必须晚于开始时间"):
        page.full_clean()
