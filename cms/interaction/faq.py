"""常见问题 (FAQ): one `FaqPage` per question, filed in a site's 常见问题 column under 互动交流.

Pages, so the site-scoped page permissions, revisions, the public column list and unified search
(search.documents reads `body`, `summary` and `search_metadata`) all apply with no code of their
own; the answer is rich text, sanitised on save by BasePage (cms.core sanitize_html)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from cms.core.models import BasePage
from cms.pages.models import format_pub_date

SUMMARY_CHARS = 120


class FaqPage(BasePage):
    """A question citizens often ask (the page title) and its answer."""

    is_column_item = True

    answer = RichTextField("解答")
    topic = models.CharField("主题", max_length=50, blank=True, help_text="例如：社会保障、教育。")
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="解答单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="faqs",
    )

    content_panels = [
        FieldPanel("title", heading="问题"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("organisation")]),
    ]
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    search_prefetch = ("organisation",)
    template = "interaction/faq_page.html"

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"

    @property
    def body(self) -> str:
        return self.answer

    @property
    def summary(self) -> str:
        from search.documents import html_to_text

        text = html_to_text(self.answer).replace("\n", " ")
        return text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else ""

    def search_metadata(self) -> dict[str, str]:
        return {"organisation": self.organisation_name, "topic": self.topic}

    def page_meta(self) -> dict[str, str]:
        from cms.disclosure.models.pages import parent_column_meta

        meta = parent_column_meta(self)
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": self.organisation_name,
                "Keywords": self.topic,
                "Description": self.summary,
            }
        )
        return meta

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["board"] = _site_board(self)
        return context


def _site_board(page: FaqPage) -> Any:
    """The site's message board, for "not answered here? write to us"."""
    from cms.interaction.models import MessageBoardPage

    site = page.get_site()
    if site is None:
        return None
    return (
        MessageBoardPage.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )
