"""The page types of every cluster site: the city portal home, a site home, a column (栏目) and an
article (新闻/通知公告). Parent and child types are fixed so editors cannot build nonsense trees."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import BasePage
from cms.core.pagination import page_of
from cms.core.update_kinds import UpdateKind
from cms.pages.column_types import ColumnType
from cms.pages.pictures import picture_news, portal_pictures, within_tree
from cms.pages.queries import column_items, path_range

# Number of latest items a homepage block or the portal news list shows.
HOME_BLOCK_SIZE = 8
PORTAL_NEWS_SIZE = 12
# Site homes show a block for each of their first columns of these types, in menu order.
HOME_BLOCK_COLUMN_TYPES = (
    ColumnType.NEWS,
    ColumnType.POLICY,
    ColumnType.INTERPRETATION,
)
HOME_MAX_BLOCKS = 4


def format_pub_date(value: Any) -> str:
    """`PubDate` meta format `YYYY-MM-DD HH:MM` in the cluster's time zone (STANDARDS.md §3)."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class SiteHomeMixin:
    """Behaviour shared by the portal home and a site home: the home counts as column 首页."""

    meta_column_type = ColumnType.HOME

    description: str
    keywords: str

    def page_meta(self) -> dict[str, str]:
        return {
            "ColumnName": "首页",
            "ColumnType": ColumnType.HOME,
            "ColumnDescription": self.description,
            "ColumnKeywords": self.keywords,
        }


class PortalHomePage(SiteHomeMixin, BasePage):
    """The city portal's home: cluster news from every site and the directory of all sites."""

    description = models.CharField("首页描述", max_length=200, blank=True)
    keywords = models.CharField("首页关键词", max_length=200, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("description"), FieldPanel("keywords")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ColumnPage"]
    max_count = 1

    class Meta:
        verbose_name = "门户首页"
        verbose_name_plural = "门户首页"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from cms.sharing.portal import cluster_news
        from sites.directory import cluster_directory

        context = super().get_context(request, *args, **kwargs)
        # 站群要闻: only what the portal accepted (信息报送) or auto-accepts (cms.sharing.portal).
        context["cluster_news"] = cluster_news(self, request, PORTAL_NEWS_SIZE)
        context["site_directory"] = cluster_directory()
        context["home_blocks"] = home_blocks(self, exclude_types={ColumnType.NEWS})
        context["picture_news"] = portal_pictures(self)
        return context


class HomePage(SiteHomeMixin, BasePage):
    """Home of a county, district, department or township site."""

    description = models.CharField("首页描述", max_length=200, blank=True)
    keywords = models.CharField("首页关键词", max_length=200, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("description"), FieldPanel("keywords")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ColumnPage"]

    class Meta:
        verbose_name = "站点首页"
        verbose_name_plural = "站点首页"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["home_blocks"] = home_blocks(self)
        context["picture_news"] = picture_news(within_tree(self))
        return context


def home_blocks(home: Page, exclude_types: set[str] | frozenset[str] = frozenset()) -> list[dict]:
    """Latest items of the home's first featured columns: one query for the columns, one each."""
    columns = [
        column
        for column in ColumnPage.objects.child_of(home)
        .live()
        .filter(column_type__in=HOME_BLOCK_COLUMN_TYPES)
        .exclude(column_type__in=exclude_types)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "column_type")
    ][:HOME_MAX_BLOCKS]
    # One listable base for all blocks: its view-restriction lookup runs once, not per block.
    listable = column_items()
    return [
        {
            "column": column,
            "items": list(
                path_range(listable.descendant_of(column), column.path)[:HOME_BLOCK_SIZE]
            ),
        }
        for column in columns
    ]


class ColumnPage(BasePage):
    """A column (栏目): lists the items published below it, newest first, paginated."""

    column_type = models.CharField(
        "栏目类型", max_length=20, choices=ColumnType.choices, default=ColumnType.NEWS
    )
    description = models.CharField(
        "栏目描述", max_length=200, help_text="说明栏目的用途，用于页面 ColumnDescription 元数据。"
    )
    keywords = models.CharField("栏目关键词", max_length=200, help_text="多个关键词用逗号分隔。")
    intro = RichTextField("栏目说明", blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("column_type"), FieldPanel("description"), FieldPanel("keywords")],
            heading="栏目元数据",
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["pages.PortalHomePage", "pages.HomePage", "pages.ColumnPage"]
    subpage_types = [
        "pages.ColumnPage",
        "pages.ArticlePage",
        "disclosure.DisclosurePage",
        "disclosure.InterpretationPage",
        "disclosure.GuidePage",
        "reports.AnnualReportPage",
        "reports.SiteAnnualReportPage",
        "interaction.MessageBoardPage",
        "interaction.FaqPage",
        "services.ServiceGuidePage",
        "participation.ConsultationPage",
        "participation.InterviewPage",
    ]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    @property
    def meta_column_type(self) -> str:  # type: ignore[override]
        return self.column_type

    def page_meta(self) -> dict[str, str]:
        return {
            "ColumnName": self.title,
            "ColumnType": self.column_type,
            "ColumnDescription": self.description,
            "ColumnKeywords": self.keywords,
        }

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["subcolumns"] = list(
            ColumnPage.objects.child_of(self).live().order_by("path").only("title", "url_path")
        )
        page_obj = page_of(column_items(self), request.GET.get("page"))
        context["page_obj"] = page_obj
        context["items"] = page_obj.object_list
        return context


class ArticlePage(BasePage):
    """A news item or notice (新闻/通知公告). Its publish time is Wagtail's `first_published_at`,
    set by the system on first publication and never typed by an editor."""

    is_column_item = True

    source = models.CharField(
        "来源", max_length=100, blank=True, help_text="发布单位；留空时使用本站默认发布机构。"
    )
    author = models.CharField("作者", max_length=50, blank=True)
    summary = models.TextField("摘要", max_length=300, blank=True)
    body = RichTextField("正文")
    keywords = models.CharField("关键词", max_length=200, blank=True)
    # 图片新闻 (issue 15 item 7): an article with a cover image appears in the picture block of
    # its site's home (and of the portal when the portal shows its news).
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="设置后，本文显示在首页“图片新闻”中。",
    )
    cover_alt = models.CharField(
        "图片替代文本",
        max_length=120,
        blank=True,
        help_text="描述图片内容，供视障用户的读屏软件朗读；设置封面图片时必填。",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("author"), FieldPanel("keywords")], heading="稿件信息"
        ),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading="图片新闻"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def content_source(self, default: str = "") -> str:
        return self.source or default

    def clean(self) -> None:
        super().clean()
        # 无障碍 (GB/T 37668): a picture needs a text alternative.
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": "设置封面图片时，请填写图片替代文本。"})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # One query for the files and their documents, however many there are.
        prefetch_related_objects([self], "attachments__document")
        return context

    def page_meta(self) -> dict[str, str]:
        parent = self.get_parent()
        parent = parent.specific_deferred if parent else None
        meta: dict[str, str] = {}
        if isinstance(parent, ColumnPage):
            meta.update({"ColumnName": parent.title, "ColumnType": parent.column_type})
        meta.update(
            {
                "ArticleTitle": self.title,
                "PubDate": format_pub_date(self.first_published_at or timezone.now()),
                "ContentSource": self.source,
                "Keywords": self.keywords,
                "Author": self.author,
                "Description": self.summary,
            }
        )
        return meta


class PageAttachment(Orderable):
    """A file attached to a page; subclasses add the ParentalKey (related_name "attachments")
    so that `includes/attachments.html` renders every page kind's files the same way."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    def clean(self) -> None:
        # Every page kind's attachments are checked by content and size on every save.
        from cms.disclosure.attachments import check_document

        if self.document_id:
            try:
                check_document(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from error


class ArticleAttachment(PageAttachment):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(PageAttachment.Meta):
        pass


class Withdrawal(models.Model):
    """A withdrawn (撤稿) page: still reachable at its URL with a notice, but gone from lists,
    feeds and search, and served to apps as a tombstone. A state, never a delete."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="withdrawal"
    )
    reason = models.TextField("撤稿说明")
    withdrawn_at = models.DateTimeField("撤稿时间", default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "撤稿记录"
        verbose_name_plural = "撤稿记录"

    def __str__(self) -> str:
        return f"{self.page_id} 撤稿于 {timezone.localtime(self.withdrawn_at):%Y-%m-%d %H:%M}"


class PageUpdateIntent(models.Model):
    """The update kind an editor declared for a revision (cms.core.page_forms), kept until that
    revision is published: review may take days, and the moderator publishes what was declared."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="update_intent"
    )
    kind = models.CharField("更新类型", max_length=10, choices=UpdateKind.choices)
    change_note = models.CharField("修改说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "更新类型声明"
        verbose_name_plural = "更新类型声明"

    def __str__(self) -> str:
        return f"{self.revision_id} {self.get_kind_display()}"


class PageUpdate(models.Model):
    """One publication of a page: its kind, note and moment (the page's update history).
    Written by cms.pages.updates when a revision is published; never edited."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="updates")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_id = models.UUIDField("内容标识", db_index=True)
    kind = models.CharField("更新类型", max_length=10, choices=UpdateKind.choices)
    change_note = models.CharField("修改说明", max_length=200, blank=True)
    published_at = models.DateTimeField("发布时间")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "更新记录"
        verbose_name_plural = "更新记录"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["page", "-published_at"], name="pages_update_page_time")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.get_kind_display()} {self.published_at:%Y-%m-%d %H:%M}"


class PageUpdateSummary(models.Model):
    """The latest dates of a page's updates, one row per page, so feeds, the sitemap and the API
    order and date items by their last 重要更新 (更新时间) in one join."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="update_summary",
    )
    content_id = models.UUIDField("内容标识", unique=True)
    major_updated_at = models.DateTimeField("更新时间", db_index=True)
    last_updated_at = models.DateTimeField("最后修改时间")
    last_kind = models.CharField("最后更新类型", max_length=10, choices=UpdateKind.choices)

    class Meta:
        verbose_name = "更新时间"
        verbose_name_plural = "更新时间"

    def __str__(self) -> str:
        return f"{self.page_id} 更新于 {self.major_updated_at:%Y-%m-%d %H:%M}"
