"""Results of a consultation: the tally of every choice question and its bar chart, drawn on the
server as inline SVG (no script, no CDN) with the same figures as text beside it for screen
readers and the elderly mode."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cms.participation.models import ConsultationAnswer, ConsultationPage, QuestionKind

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 180
BAR_WIDTH = 360
VALUE_WIDTH = 110


@dataclass
class OptionResult:
    option: str
    count: int
    percent: float  # of the respondents who answered the question


@dataclass
class QuestionResult:
    text: str
    kind: str
    answered: int
    options: list[OptionResult] = field(default_factory=list)

    @property
    def chart(self) -> SafeString:
        return bar_chart_svg(self)


def tally(page: ConsultationPage) -> tuple[int, list[QuestionResult]]:
    """(number of responses, one result per question) in question order. Free-text questions
    report how many answered, not what was written (that is for staff, in the admin)."""
    questions = list(page.questions.all())
    counts: dict[tuple[int, str], int] = {}
    for row in (
        ConsultationAnswer.objects.filter(response__page=page, question__in=questions)
        .values("question_id", "value")
        .annotate(n=Count("id"))
    ):
        counts[(row["question_id"], row["value"])] = row["n"]
    answered = dict(
        ConsultationAnswer.objects.filter(response__page=page, question__in=questions)
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    results = []
    for question in questions:
        n = answered.get(question.pk, 0)
        result = QuestionResult(text=question.text, kind=question.kind, answered=n)
        if question.kind != QuestionKind.TEXT:
            for option in question.option_list:
                count = counts.get((question.pk, option), 0)
                result.options.append(
                    OptionResult(option, count, round(100 * count / n, 1) if n else 0.0)
                )
        results.append(result)
    return page.responses.count(), results


def _truncate(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart_svg(result: QuestionResult) -> SafeString:
    """A horizontal bar chart of one choice question. Every string is escaped."""
    if not result.options:
        return mark_safe("")
    rows = len(result.options)
    height = rows * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    label = escape(f"{result.text}：统计图")
    parts = [
        f'<svg class="result-chart" role="img" aria-label="{label}" viewBox="0 0 {width} '
        f'{height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, option in enumerate(result.options):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        bar = round(BAR_WIDTH * option.percent / 100, 1)
        text_y = y + BAR_HEIGHT * 0.72
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end" font-size="14">'
            f"<title>{escape(option.option)}</title>{escape(_truncate(option.option))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'fill="#eee"/>'
            f'<rect class="result-bar" x="{LABEL_WIDTH}" y="{y}" width="{bar}" '
            f'height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{text_y}" font-size="14">'
            f"{option.count}票 {option.percent:g}%</text>"
        )
    parts.append("</svg>")
    # Safe: every interpolated string above is escaped.
    return mark_safe("".join(parts))
