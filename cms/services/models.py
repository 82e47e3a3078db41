"""ServiceGuidePage (办事指南): one service item with its ten required elements (cms.services.rules),
an optional link to online handling and downloadable forms checked by content like every
attachment of the platform."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import escape
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import BasePage
from cms.pages.models import PageAttachment, format_pub_date
from cms.services.forms import ServiceGuidePageForm
from cms.services.rules import missing_elements, publication_refusal
from cms.services.vocab import Audience, ServiceTopic

# Rich-text elements, in the order the guide page and the search body present them.
RICH_ELEMENTS = (
    ("legal_basis", "设定依据"),
    ("conditions", "申请条件"),
    ("materials", "办理材料"),
    ("procedure", "办理流程"),
)
PLAIN_ELEMENTS = (
    ("location", "办理地点"),
    ("hours", "办理时间"),
    ("fees", "收费标准"),
    ("phone", "联系电话"),
)


class ServiceGuidePage(BasePage):
    """A 办事指南 in the 办事服务 column. Elements may be blank in a draft; see rules.py."""

    is_column_item = True

    item_name = models.CharField("事项名称", max_length=200, blank=True)
    audience = models.CharField(
        "服务对象", max_length=10, choices=Audience.choices, default=Audience.PERSON
    )
    topic = models.CharField("主题", max_length=10, choices=ServiceTopic.choices)
    legal_basis = RichTextField("设定依据", blank=True, help_text="法律、法规、规章或规范性文件。")
    conditions = RichTextField("申请条件", blank=True)
    materials = RichTextField("办理材料", blank=True, help_text="材料名称、份数和要求。")
    location = models.CharField("办理地点", max_length=300, blank=True)
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="办理机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_guides",
    )
    organisation_name = models.CharField(
        "办理机构（名称）",
        max_length=200,
        blank=True,
        help_text="办理机构不在机构列表中时填写，例如窗口或内设机构名称。",
    )
    fees = models.CharField(
        "收费标准", max_length=300, blank=True, help_text="不收费请写“不收费”。"
    )
    hours = models.CharField(
        "办理时间", max_length=300, blank=True, help_text="受理时间和办结时限。"
    )
    phone = models.CharField("联系电话", max_length=100, blank=True)
    procedure = RichTextField("办理流程", blank=True)
    online_url = models.URLField(
        "在线办理地址", max_length=500, blank=True, help_text="可网上办理时填写。"
    )
    keywords = models.CharField("关键词", max_length=200, blank=True)

    base_form_class = ServiceGuidePageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("item_name"),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("topic")]),
                FieldPanel("keywords"),
            ],
            heading="事项信息",
        ),
        FieldPanel("legal_basis"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("organisation"),
                FieldPanel("organisation_name"),
                FieldPanel("fees"),
                FieldPanel("hours"),
                FieldPanel("phone"),
            ],
            heading="办理信息",
        ),
        FieldPanel("procedure"),
        FieldPanel("online_url"),
        InlinePanel("attachments", label="表格下载", heading="表格下载"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("item_name"),
        index.FilterField("audience"),
        index.FilterField("topic"),
    ]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Last line of defence for code paths that bypass the admin form (imports, scripts).
        if self.live:
            missing = missing_elements(self)
            if missing:
                raise ValidationError(publication_refusal(missing))
        super().save(*args, **kwargs)

    @property
    def missing_elements(self) -> list[str]:
        return missing_elements(self)

    @property
    def organisation_label(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        return self.organisation.name if self.organisation_id else ""

    @property
    def summary(self) -> str:
        """One line for lists and the search index (search.documents reads `summary`)."""
        return f"{self.audience}·{self.get_topic_display()}：{self.item_name or self.title}"

    @property
    def body(self) -> str:
        """Every element as one HTML text; search.documents indexes `body`."""
        parts = [f"<h2>事项名称</h2><p>{escape(self.item_name)}</p>"]
        for name, label in RICH_ELEMENTS:
            parts.append(f"<h2>{label}</h2>{getattr(self, name)}")
        parts.append(f"<h2>办理机构</h2><p>{escape(self.organisation_label)}</p>")
        for name, label in PLAIN_ELEMENTS:
            parts.append(f"<h2>{label}</h2><p>{escape(getattr(self, name))}</p>")
        return "".join(parts)

    def search_metadata(self) -> dict[str, str]:
        return {"organisation": self.organisation_label}

    def page_meta(self) -> dict[str, str]:
        from cms.disclosure.models.pages import parent_column_meta

        meta = parent_column_meta(self)
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": self.organisation_label,
                "Keywords": self.keywords or self.item_name,
                "Description": self.summary,
            }
        )
        return meta

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["rich_elements"] = [(label, getattr(self, name)) for name, label in RICH_ELEMENTS]
        context["plain_elements"] = [
            ("办理机构", self.organisation_label),
            *((label, getattr(self, name)) for name, label in PLAIN_ELEMENTS),
        ]
        return context


class ServiceGuideAttachment(PageAttachment):
    """A downloadable form (表格下载); checked by content and size like disclosure attachments."""

    page = ParentalKey(ServiceGuidePage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(PageAttachment.Meta):
        verbose_name = "表格"
        verbose_name_plural = "表格下载"
