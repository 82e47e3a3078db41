"""Pages the security tests publish on county A of the `cluster`: an open consultation and an
upcoming interview (they take citizens' text), shared by the fuzz and the Chromium XSS tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.participation.models import (
    ConsultationPage,
    ConsultationQuestion,
    InterviewPage,
    QuestionKind,
)

DAY = dt.timedelta(days=1)


def publish_participation_pages(cluster) -> tuple[ConsultationPage, InterviewPage]:
    now = timezone.now()
    consultation = ConsultationPage(
        title="民生实事项目问卷调查", slug="zj-security", intro="<p>现面向社会公开征集意见。</p>",
        opens_at=now - DAY, closes_at=now + DAY, live=False,
    )  # fmt: skip
    consultation.questions = [
        ConsultationQuestion(
            text="您最关注的领域？", kind=QuestionKind.SINGLE, options="教育\n医疗"
        ),
        ConsultationQuestion(text="其他意见建议", kind=QuestionKind.TEXT, required=False),
    ]
    cluster.column(cluster.county_a, "zjdc").add_child(instance=consultation)
    consultation.save_revision().publish()
    interview = InterviewPage(
        title="优化营商环境在线访谈", slug="ft-security", starts_at=now + DAY,
        ends_at=now + DAY + dt.timedelta(hours=2), transcript="<p>主持人：欢迎各位网友。</p>",
        live=False,
    )  # fmt: skip
    cluster.column(cluster.county_a, "zxft").add_child(instance=interview)
    interview.save_revision().publish()
    return consultation, interview
