"""Helpers for participation tests: consultations and interviews published on a cluster site."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.participation.models import (
    ConsultationPage,
    ConsultationQuestion,
    InterviewGuest,
    InterviewPage,
    QuestionKind,
)

DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def survey_questions() -> list[ConsultationQuestion]:
    return [
        ConsultationQuestion(
            text="您最关注的民生领域是？", kind=QuestionKind.SINGLE, options="教育\n医疗\n养老"
        ),
        ConsultationQuestion(
            text="您希望优先实施哪些项目？",
            kind=QuestionKind.MULTIPLE,
            options="老旧小区改造\n公共停车场\n社区养老服务站",
        ),
        ConsultationQuestion(text="其他意见建议", kind=QuestionKind.TEXT, required=False),
    ]


@pytest.fixture
def make_consultation(cluster):
    counter = iter(range(1, 10_000))

    def make(profile=None, *, opens=-DAY, closes=DAY, **fields) -> ConsultationPage:
        profile = profile or cluster.county_a
        n = next(counter)
        now = timezone.now()
        page = ConsultationPage(
            title=fields.pop("title", f"民生实事项目问卷调查{n}"),
            slug=f"zj-{n}",
            intro="<p>现面向社会公开征集意见。</p>",
            opens_at=now + opens,
            closes_at=now + closes,
            live=False,
            **fields,
        )
        page.questions = survey_questions()
        cluster.column(profile, "hdjl").add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_interview(cluster):
    counter = iter(range(1, 10_000))

    def make(profile=None, *, starts=DAY, **fields) -> InterviewPage:
        profile = profile or cluster.county_a
        n = next(counter)
        now = timezone.now()
        page = InterviewPage(
            title=fields.pop("title", f"优化营商环境在线访谈{n}"),
            slug=f"ft-{n}",
            starts_at=now + starts,
            ends_at=now + starts + dt.timedelta(hours=2),
            transcript=fields.pop("transcript", "<p>主持人：欢迎各位网友。</p>"),
            live=False,
            **fields,
        )
        page.guests = [InterviewGuest(name="陈志远", position="安宁县副县长")]
        cluster.column(profile, "hdjl").add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def answer_data(page: ConsultationPage, **overrides) -> dict:
    questions = list(page.questions.all())
    data = {
        f"q{questions[0].pk}": "教育",
        f"q{questions[1].pk}": ["老旧小区改造", "社区养老服务站"],
        f"q{questions[2].pk}": "建议加装电梯。",
        "name": "张先生",
        "mobile": "139 0917 0001",
    }
    data.update(overrides)
    return data
