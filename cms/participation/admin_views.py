"""Admin screens of participation: the answers of each consultation (read and CSV export, for the
staff of the consultation's site only) and the moderation of interview questions."""

from __future__ import annotations

import csv
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from cms.core.admin_scoping import ScopedModelViewSet
from cms.participation.models import ConsultationAnswer, InterviewQuestion
from cms.participation.permissions import SiteRecordPolicy, consultations_for_user
from sites.scope import sites_for_user

NAMESPACE = "consultation_answers"
ANSWERS_PER_PAGE = 50


def _answer_rows(page) -> tuple[list[str], list[dict[str, Any]]]:
    """(question headings, one row per response with its answers by heading)."""
    questions = list(page.questions.all())
    headings = [q.text for q in questions]
    # A 多选 answer's values read in the order the editor listed the options, whatever order
    # the browser sent them or the database returns them in: every row of the export agrees.
    option_rank = {
        (q.pk, option): rank for q in questions for rank, option in enumerate(q.option_list)
    }
    answers = Prefetch("answers", queryset=ConsultationAnswer.objects.order_by("pk"))
    rows = []
    for response in page.responses.prefetch_related(answers).order_by("submitted_at", "pk"):
        ranked: dict[str, list[tuple[int, str]]] = {}
        for position, answer in enumerate(response.answers.all()):
            rank = option_rank.get((answer.question_id, answer.value), len(option_rank) + position)
            ranked.setdefault(answer.question_text, []).append((rank, answer.value))
            if answer.question_text not in headings:
                headings.append(answer.question_text)
        values = {text: [v for _, v in sorted(pairs)] for text, pairs in ranked.items()}
        rows.append({"response": response, "values": values})
    return headings, rows


class ConsultationListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/consultations.html"
    page_title = "征集答卷"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": "", "label": "征集答卷"},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["consultations"] = (
            consultations_for_user(self.request.user)
            .annotate(response_total=Count("responses"))
            .order_by("-closes_at")
        )
        context["now"] = timezone.now()
        return context


class ConsultationAnswersView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/answers.html"
    header_icon = "list-ul"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Another site's consultation is simply not there for this user: 404.
        self.consultation = get_object_or_404(consultations_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"答卷：{self.consultation.title}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "征集答卷"},
            {"url": "", "label": self.consultation.title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        headings, rows = _answer_rows(self.consultation)
        page_obj = Paginator(rows, ANSWERS_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "consultation": self.consultation,
                "headings": headings,
                "page_obj": page_obj,
                "rows": [
                    {
                        "response": row["response"],
                        "cells": ["；".join(row["values"].get(h, [])) for h in headings],
                    }
                    for row in page_obj.object_list
                ],
            }
        )
        return context


def export_answers(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_for_user(request.user), pk=pk)
    headings, rows = _answer_rows(consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"consultation-{consultation.pk}-answers.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: Excel and WPS open UTF-8 CSV correctly only with it
    writer = csv.writer(response)
    writer.writerow(["答卷编号", "提交时间", "称呼", *headings])
    for row in rows:
        item = row["response"]
        writer.writerow(
            [
                item.pk,
                f"{timezone.localtime(item.submitted_at):%Y-%m-%d %H:%M}",
                _csv_safe(item.name),
                *(_csv_safe("；".join(row["values"].get(h, []))) for h in headings),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheet software (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class AnswersMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return sites_for_user(request.user).exists()


class ConsultationAnswersViewSet(ViewSet):
    icon = "list-ul"
    menu_label = "征集答卷"
    menu_order = 230
    add_to_admin_menu = True
    url_prefix = "zjdc"
    name = NAMESPACE

    def get_menu_item(self, order=None) -> MenuItem:
        return AnswersMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )

    def get_urlpatterns(self):
        return [
            path("", ConsultationListView.as_view(), name="index"),
            path("<int:pk>/", ConsultationAnswersView.as_view(), name="answers"),
            path("<int:pk>/export/", export_answers, name="export"),
        ]


class InterviewQuestionForm(WagtailAdminModelForm):
    def save(self, commit: bool = True):
        question = super().save(commit=False)
        if "status" in self.changed_data:
            question.moderated_at = timezone.now()
            question.moderated_by = self.for_user
        if commit:
            question.save()
        return question


class InterviewQuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        ).select_related("page", "site")


class InterviewQuestionViewSet(ScopedModelViewSet):
    model = InterviewQuestion
    icon = "help"
    menu_label = "访谈提问"
    menu_order = 231
    add_to_admin_menu = True
    add_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InterviewQuestionIndexView
    list_display = [
        "content",
        Column("page", label="访谈"),
        "status",
        "submitted_at",
        "site",
    ]
    list_filter = ["status"]
    search_fields = ["content", "nickname"]
    edit_handler = ObjectList(
        [
            FieldPanel("content", read_only=True),
            FieldPanel("nickname", read_only=True),
            FieldPanel("status"),
            FieldPanel("moderation_note"),
            FieldPanel("answer"),
        ],
        base_form_class=InterviewQuestionForm,
    )

    @property
    def permission_policy(self):
        return SiteRecordPolicy(InterviewQuestion)
