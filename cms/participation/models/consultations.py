"""征集调查: a ConsultationPage with an open window, its questions (single choice, multiple choice,
free text), the answers (one ConsultationResponse per person: a keyed hash of the mobile number is
unique per consultation) and the 采纳情况 feedback summary staff write after closing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import escape
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import BasePage
from cms.pages.models import format_pub_date

MAX_OPTIONS = 20


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选"
    MULTIPLE = "multiple", "多选"
    TEXT = "text", "填空（意见建议）"


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", "未开始"
    OPEN = "open", "征集中"
    CLOSED = "closed", "已结束"


class ConsultationPage(BasePage):
    """A consultation or survey (征集调查 / 意见征集 / 问卷调查) in the 互动交流 column."""

    is_column_item = True

    organiser = models.CharField(
        "征集单位", max_length=100, blank=True, help_text="留空时使用本站默认发布机构。"
    )
    summary = models.TextField("征集说明摘要", max_length=300, blank=True)
    intro = RichTextField("征集说明", help_text="征集的背景、内容和参与方式。")
    opens_at = models.DateTimeField("开始时间", help_text="北京时间。")
    closes_at = models.DateTimeField("截止时间", help_text="北京时间；截止后公布统计结果。")
    publish_results = models.BooleanField("截止后公布统计结果", default=True)
    feedback = RichTextField(
        "采纳情况",
        blank=True,
        help_text="征集结束后填写意见采纳情况及未采纳的理由，向社会公开。",
    )
    feedback_published_at = models.DateTimeField("采纳情况发布时间", null=True, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("publish_results"),
                FieldPanel("keywords"),
            ],
            heading="征集信息",
        ),
        FieldPanel("summary"),
        FieldPanel("intro"),
        InlinePanel("questions", label="问题", heading="征集问题", min_num=1),
        MultiFieldPanel(
            [FieldPanel("feedback"), FieldPanel("feedback_published_at")],
            heading="采纳情况（征集结束后填写）",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("intro")]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "征集调查"
        verbose_name_plural = "征集调查"

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "截止时间必须晚于开始时间。"})

    def status(self, now: Any = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now >= self.closes_at:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    @property
    def status_label(self) -> str:
        return ConsultationStatus(self.status()).label

    def results_visible(self, now: Any = None) -> bool:
        return self.publish_results and self.status(now) == ConsultationStatus.CLOSED

    @property
    def body(self) -> str:
        """Text for the search index (search.documents reads `body`): the call and the feedback."""
        questions = "".join(f"<p>{escape(q.text)}</p>" for q in self.questions.all())
        return f"{self.intro}{questions}{self.feedback if self.status() == 'closed' else ''}"

    @property
    def source(self) -> str:
        return self.organiser

    def page_meta(self) -> dict[str, str]:
        from cms.disclosure.models.pages import parent_column_meta

        meta = parent_column_meta(self)
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": self.organiser,
                "Keywords": self.keywords,
                "Description": self.summary,
            }
        )
        return meta

    def serve(self, request, *args: Any, **kwargs: Any):
        from cms.participation.views import serve_consultation

        return serve_consultation(self, request)


class ConsultationQuestion(Orderable):
    page = ParentalKey(ConsultationPage, related_name="questions", on_delete=models.CASCADE)
    text = models.CharField("问题", max_length=300)
    kind = models.CharField(
        "题型", max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    options = models.TextField("选项", blank=True, help_text="单选、多选题每行一个选项。")
    required = models.BooleanField("必答", default=True)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("options"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "征集问题"
        verbose_name_plural = "征集问题"

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        seen: list[str] = []
        for line in (self.options or "").splitlines():
            option = line.strip()
            if option and option not in seen:
                seen.append(option)
        return seen

    def clean(self) -> None:
        if self.kind == QuestionKind.TEXT:
            return
        count = len(self.option_list)
        if count < 2:
            raise ValidationError({"options": "单选、多选题至少需要两个选项，每行一个。"})
        if count > MAX_OPTIONS:
            raise ValidationError({"options": f"选项不能超过{MAX_OPTIONS}个。"})


class ConsultationResponse(models.Model):
    """One person's answers. `respondent_key` is the HMAC of the mobile number (identity.py):
    unique per consultation, so the same person cannot answer twice; the number is not kept."""

    page = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses", verbose_name="征集"
    )
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站"
    )
    respondent_key = models.CharField(max_length=64, editable=False)
    name = models.CharField("称呼", max_length=50, blank=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    class Meta:
        verbose_name = "答卷"
        verbose_name_plural = "答卷"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "respondent_key"], name="participation_one_response_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} 答卷 {self.pk}"


class ConsultationAnswer(models.Model):
    """One value of a response: the chosen option (one row per option for 多选) or the text.
    The question's wording is copied so an edited or removed question keeps its answers legible."""

    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        ConsultationQuestion, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    question_text = models.CharField(max_length=300)
    value = models.TextField()

    class Meta:
        verbose_name = "答案"
        verbose_name_plural = "答案"

    def __str__(self) -> str:
        return f"{self.question_text}：{self.value[:30]}"
