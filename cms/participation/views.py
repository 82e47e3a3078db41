"""Serving consultation and interview pages with their public forms (CSRF-protected by the
middleware; every response is uncached because it carries a token or personal state)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from cms.interaction.ratelimit import THROTTLED_FORM_MESSAGE, allow_page_submission
from cms.participation.forms import ConsultationAnswerForm, InterviewQuestionForm
from cms.participation.identity import respondent_key, site_profile_for_page
from cms.participation.models import (
    ConsultationAnswer,
    ConsultationPage,
    ConsultationResponse,
    ConsultationStatus,
    InterviewPage,
    InterviewQuestion,
    ModerationStatus,
)
from cms.participation.results import tally

COOKIE_PREFIX = "jiyue_zjdc_"
COOKIE_SALT = "jiyue.participation.answered"
COOKIE_MAX_AGE = 365 * 24 * 3600
ALREADY_ANSWERED = "您已参与过本次征集，每人只能提交一次，感谢您的参与。"
DUPLICATE_MOBILE = "该手机号码已参与过本次征集，每人只能提交一次。"
NOT_YET_OPEN = "本次征集尚未开始，请于{opens}后参与。"
CLOSED = "本次征集已于{closes}截止，不再接受提交。"
THANKS = "提交成功，感谢您的参与！征集结束后将在本页公布统计结果和采纳情况。"
QUESTIONS_CLOSED = "本次访谈已结束或未开放网上提问，不再接受提问。"
QUESTION_THANKS = "您的问题已提交，经审核后显示在本页。"


def _local(value) -> str:
    return f"{timezone.localtime(value):%Y年%m月%d日 %H:%M}"


def _render(page, request: HttpRequest, extra: dict[str, Any], status: int = 200) -> HttpResponse:
    context = page.get_context(request)
    context.update(extra)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def _answered_cookie(page: ConsultationPage, request: HttpRequest) -> bool:
    return bool(
        request.get_signed_cookie(f"{COOKIE_PREFIX}{page.pk}", default="", salt=COOKIE_SALT)
    )


def _window_refusal(page: ConsultationPage, status: str) -> str:
    if status == ConsultationStatus.UPCOMING:
        return NOT_YET_OPEN.format(opens=_local(page.opens_at))
    if status == ConsultationStatus.CLOSED:
        return CLOSED.format(closes=_local(page.closes_at))
    return ""


def _save_response(page, site, form: ConsultationAnswerForm) -> bool:
    """Store one response; False if this person (mobile key) has answered already."""
    key = respondent_key(page.pk, form.cleaned_data["mobile"])
    if ConsultationResponse.objects.filter(page=page, respondent_key=key).exists():
        return False
    try:
        with transaction.atomic():
            response = ConsultationResponse.objects.create(
                page=page, site=site, respondent_key=key, name=form.cleaned_data["name"].strip()
            )
            ConsultationAnswer.objects.bulk_create(
                ConsultationAnswer(
                    response=response, question=question, question_text=question.text, value=v
                )
                for question, values in form.answer_values()
                for v in values
            )
    except IntegrityError:  # the same person submitting twice at the same moment
        return False
    return True


def serve_consultation(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    site = site_profile_for_page(page)
    if site is None:
        raise Http404("页面不存在。")
    questions = list(page.questions.all())
    status = page.status()
    answered = _answered_cookie(page, request)
    extra: dict[str, Any] = {
        "status": status,
        "status_label": ConsultationStatus(status).label,
        "answered": answered,
        "thanks": THANKS if answered and request.GET.get("submitted") else "",
        "refusal": _window_refusal(page, status),
    }
    if page.results_visible():
        extra["response_count"], extra["results"] = tally(page)
    form = None
    http_status = 200
    if request.method == "POST":
        form = ConsultationAnswerForm(request.POST, questions=questions)
        if status != ConsultationStatus.OPEN:
            http_status = 403
        elif answered:
            extra["refusal"] = ALREADY_ANSWERED
            http_status = 403
        elif form.is_valid() and not allow_page_submission(request, "consultation_ip", page.pk):
            extra["refusal"] = THROTTLED_FORM_MESSAGE  # the form comes back as typed
            http_status = 429
        elif form.is_valid():
            if _save_response(page, site, form):
                response = redirect(f"{page.get_url(request)}?submitted=1")
                response.set_signed_cookie(
                    f"{COOKIE_PREFIX}{page.pk}",
                    "1",
                    salt=COOKIE_SALT,
                    max_age=COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                )
                return response
            form.add_error("mobile", DUPLICATE_MOBILE)
    elif status == ConsultationStatus.OPEN and not answered:
        form = ConsultationAnswerForm(questions=questions)
    extra["form"] = form if status == ConsultationStatus.OPEN and not answered else None
    if form is not None and http_status in (403, 429):
        extra["form"] = form  # keep what was typed beside the refusal
    return _render(page, request, extra, status=http_status)


def serve_interview(page: InterviewPage, request: HttpRequest) -> HttpResponse:
    site = site_profile_for_page(page)
    if site is None:
        raise Http404("页面不存在。")
    accepting = page.accepting_questions()
    extra: dict[str, Any] = {
        "accepting": accepting,
        "questions": list(
            page.questions.filter(status=ModerationStatus.APPROVED).order_by("submitted_at")
        ),
        "thanks": QUESTION_THANKS if request.GET.get("asked") else "",
        "refusal": "",
    }
    http_status = 200
    form = InterviewQuestionForm() if accepting else None
    if request.method == "POST":
        form = InterviewQuestionForm(request.POST)
        if not accepting:
            extra["refusal"] = QUESTIONS_CLOSED
            http_status = 403
        elif form.is_valid() and not allow_page_submission(request, "interview_ip", page.pk):
            extra["refusal"] = THROTTLED_FORM_MESSAGE  # the form below keeps what was typed
            http_status = 429
        elif form.is_valid():
            InterviewQuestion.objects.create(
                page=page,
                site=site,
                nickname=form.cleaned_data["nickname"].strip(),
                content=form.cleaned_data["content"],
            )
            return redirect(f"{page.get_url(request)}?asked=1")
    extra["form"] = form
    return _render(page, request, extra, status=http_status)
