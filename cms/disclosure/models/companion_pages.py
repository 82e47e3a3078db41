"""Pages that accompany disclosures: the 政策解读 (InterpretationPage, linked both ways to the policy
documents it explains) and the 公开指南/公开制度 page (GuidePage) with the site's GI office contacts."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import BasePage
from cms.disclosure.models.pages import (
    DisclosurePage,
    organisation_item_meta,
    parent_column_meta,
)
from cms.pages.column_types import ColumnType
from cms.pages.models import format_pub_date


class InterpretationPage(BasePage):
    """政策解读: explains one or more policy documents; each policy page lists its interpretations."""

    is_column_item = True

    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="解读机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        "解读形式",
        max_length=10,
        default="文字解读",
        choices=[(v, v) for v in ("文字解读", "图文解读", "专家解读", "视频解读", "新闻发布会")],
    )
    summary = models.TextField("摘要", max_length=300, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body = RichTextField("正文")
    source_url = models.URLField("原始地址", max_length=500, blank=True, editable=False)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("interpretation_form"), FieldPanel("keywords")],
            heading="解读信息",
        ),
        InlinePanel(
            "interpreted_policies", label="解读的政策文件", heading="关联政策文件", min_num=1
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def page_meta(self) -> dict[str, str]:
        return organisation_item_meta(self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from cms.pages.queries import publicly_visible

        context = super().get_context(request, *args, **kwargs)
        # A 不予公开 or withdrawn policy is not named here either (docs/adr/0004).
        context["policies"] = list(
            publicly_visible(DisclosurePage.objects.all())
            .filter(interpretation_links__page=self)
            .order_by("interpretation_links__sort_order")
            .only("title", "url_path", "document_number", "path", "depth")
        )
        return context


class InterpretedPolicy(Orderable):
    page = ParentalKey(
        InterpretationPage, related_name="interpreted_policies", on_delete=models.CASCADE
    )
    policy = models.ForeignKey(
        DisclosurePage,
        verbose_name="政策文件",
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [PageChooserPanel("policy", "disclosure.DisclosurePage")]

    class Meta(Orderable.Meta):
        verbose_name = "关联政策文件"
        verbose_name_plural = "关联政策文件"


class GuidePage(BasePage):
    """公开指南 or 公开制度: editorial text; the guide also lists the GI office contact of every
    organisation of the serving site, read live from the Organisation records (条例 第十二条)."""

    is_column_item = True
    meta_column_type = ColumnType.GI_GUIDE

    body = RichTextField("正文")
    show_contacts = models.BooleanField("显示政府信息公开工作机构联系方式", default=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body"), FieldPanel("show_contacts")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "公开指南/制度"
        verbose_name_plural = "公开指南/制度"

    def page_meta(self) -> dict[str, str]:
        meta = parent_column_meta(self)
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": "",
            }
        )
        return meta

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from cms.disclosure.models import Organisation
        from sites.models import SiteProfile

        context = super().get_context(request, *args, **kwargs)
        profile = SiteProfile.for_request(request)
        context["organisations"] = (
            list(Organisation.objects.filter(site=profile))
            if self.show_contacts and profile
            else []
        )
        return context
