"""在线访谈: an InterviewPage with its guests, time and transcript, and the questions citizens
send beforehand (InterviewQuestion), which staff moderate before any is shown on the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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


class InterviewPage(BasePage):
    """An online interview (在线访谈) in the 互动交流 column. The transcript is rich text and, like
    every rich-text field, passes through cms.core.sanitize on save (BasePage)."""

    is_column_item = True

    host_organisation = models.CharField("主办单位", max_length=100, blank=True)
    summary = models.TextField("访谈简介", max_length=300, blank=True)
    starts_at = models.DateTimeField("访谈时间", help_text="北京时间。")
    ends_at = models.DateTimeField("结束时间", help_text="结束前可网上提问。")
    intro = RichTextField("访谈背景", blank=True)
    transcript = RichTextField("文字实录", blank=True, help_text="访谈结束后发布。")
    accept_questions = models.BooleanField("开放网上提问", default=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("host_organisation"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("accept_questions"),
                FieldPanel("keywords"),
            ],
            heading="访谈信息",
        ),
        InlinePanel("guests", label="嘉宾", heading="访谈嘉宾", min_num=1),
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("transcript"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
    ]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间必须晚于访谈时间。"})

    def accepting_questions(self, now: Any = None) -> bool:
        return self.accept_questions and (now or timezone.now()) < self.ends_at

    @property
    def source(self) -> str:
        return self.host_organisation

    @property
    def body(self) -> str:
        """Text for the search index: guests, background and transcript."""
        guests = "".join(f"<p>{escape(g.name)} {escape(g.position)}</p>" for g in self.guests.all())
        return f"{guests}{self.intro}{self.transcript}"

    def page_meta(self) -> dict[str, str]:
        from cms.disclosure.models.pages import parent_column_meta

        meta = parent_column_meta(self)
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": self.host_organisation,
                "Keywords": self.keywords,
                "Description": self.summary,
            }
        )
        return meta

    def serve(self, request, *args: Any, **kwargs: Any):
        from cms.participation.views import serve_interview

        return serve_interview(self, request)


class InterviewGuest(Orderable):
    page = ParentalKey(InterviewPage, related_name="guests", on_delete=models.CASCADE)
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("单位职务", max_length=100)

    panels = [FieldPanel("name"), FieldPanel("position")]

    class Meta(Orderable.Meta):
        verbose_name = "嘉宾"
        verbose_name_plural = "嘉宾"


class ModerationStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "不予显示"


class InterviewQuestion(models.Model):
    """A question sent through the interview page; shown only once staff approve it."""

    page = models.ForeignKey(
        InterviewPage, on_delete=models.CASCADE, related_name="questions", verbose_name="访谈"
    )
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站"
    )
    nickname = models.CharField("网友称呼", max_length=30, blank=True)
    content = models.TextField("问题内容", max_length=500)
    submitted_at = models.DateTimeField("提问时间", default=timezone.now)
    status = models.CharField(
        "审核状态",
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    answer = models.TextField("嘉宾回答", blank=True)
    moderation_note = models.CharField("审核说明", max_length=200, blank=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "访谈提问"
        verbose_name_plural = "访谈提问"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.content[:30]

    @property
    def display_name(self) -> str:
        return self.nickname or "网友"
