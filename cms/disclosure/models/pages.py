"""The disclosed document (DisclosurePage) with the full catalogue metadata of STANDARDS.md §4,
its 索引号 issued at first publication, and its attachments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import BasePage
from cms.disclosure.document_numbers import normalise_document_number
from cms.disclosure.forms import DisclosurePageForm
from cms.disclosure.vocab import (
    CATEGORY_CHOICES,
    CATEGORY_TITLES,
    DisclosureMethod,
    Genre,
    RegulatoryKind,
    Validity,
)
from cms.pages.models import ColumnPage, PageAttachment, format_pub_date

DEFAULT_SUMMARY_MAX_CHARS = 100  # 内容概述 ≤ 100 字 (local rules, STANDARDS.md §4; configurable)


def summary_max_chars() -> int:
    return int(getattr(settings, "JIYUE_DISCLOSURE_SUMMARY_MAX_CHARS", DEFAULT_SUMMARY_MAX_CHARS))


def parent_column_meta(page: Page) -> dict[str, str]:
    parent = page.get_parent()
    parent = parent.specific_deferred if parent else None
    if isinstance(parent, ColumnPage):
        return {"ColumnName": parent.title, "ColumnType": parent.column_type}
    return {}


def organisation_item_meta(page: Any) -> dict[str, str]:
    """Meta tags of an item page issued by an organisation (disclosure, interpretation): the
    column's tags plus the item's own, with the organisation as ContentSource."""
    meta = parent_column_meta(page)
    meta.update(
        {
            "ArticleTitle": page.title,
            "PubDate": format_pub_date(page.first_published_at or timezone.now()),
            "ContentSource": page.organisation.name if page.organisation_id else "",
            "Keywords": page.keywords,
            "Description": page.summary,
        }
    )
    return meta


def category_for_column(column: Page | None) -> str:
    """The 信息类别 a disclosure filed in `column` belongs to: the slug of its 法定主动公开内容
    category column (the column itself or the nearest one above), or "" when there is none. New
    pages have no parent yet, so the form passes the column it is being created in."""
    if column is None:
        return ""
    if column.slug in CATEGORY_TITLES:
        return column.slug
    for slug in column.get_ancestors().order_by("-depth").values_list("slug", flat=True):
        if slug in CATEGORY_TITLES:
            return slug
    return ""


class DisclosurePage(BasePage):
    """A proactively disclosed document (政府信息) in the 公开目录."""

    is_column_item = True
    # 不予公开 records are kept for the agency's own books but never listed, indexed or
    # suggested anywhere public (cms.pages.queries.publicly_listable; docs/adr/0004).
    unlisted_when = Q(disclosure_method=DisclosureMethod.NOT_DISCLOSED)
    # What the search document reads, loaded once per batch (search.documents.build_documents).
    search_prefetch = ("organisation", "topic__parent")

    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="发布机构",
        null=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    # Issued by the system at first publication (cms/disclosure/index_numbers.py); never typed.
    index_number = models.CharField("索引号", max_length=100, blank=True, editable=False)
    document_number = models.CharField(
        "文号",
        max_length=100,
        blank=True,
        help_text="例如：安政发〔2026〕12号；括号会自动规范为〔〕。",
    )
    written_date = models.DateField(
        "成文日期", help_text="《条例》第二十六条的20个工作日从此日起算。"
    )
    # 条例 第二十六条: "自该政府信息形成或者变更之日起20个工作日内" — a change restarts the clock.
    changed_date = models.DateField(
        "变更日期",
        null=True,
        blank=True,
        help_text="信息内容发生变更时填写变更之日；《条例》第二十六条的20个工作日自变更之日起重新计算。",
    )
    category = models.CharField(
        "信息类别",
        max_length=10,
        choices=CATEGORY_CHOICES,
        blank=True,
        help_text="法定主动公开内容类别；留空时按所在栏目确定。",
    )
    topic = models.ForeignKey(
        "disclosure.Topic",
        verbose_name="主题分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    genre = models.CharField("体裁", max_length=10, choices=Genre.choices, default=Genre.NOTICE)
    regulatory_kind = models.CharField(
        "文件属性",
        max_length=10,
        choices=RegulatoryKind.choices,
        default=RegulatoryKind.OTHER,
        help_text="规章和行政规范性文件计入政府信息公开工作年度报告表二。",
    )
    validity = models.CharField(
        "有效性", max_length=4, choices=Validity.choices, default=Validity.VALID
    )
    effective_date = models.DateField("施行日期", null=True, blank=True)
    expiry_date = models.DateField("失效日期", null=True, blank=True)
    repeal_date = models.DateField("废止日期", null=True, blank=True)
    disclosure_method = models.CharField(
        "公开方式",
        max_length=10,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.PROACTIVE,
    )
    summary = models.TextField("内容概述", blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body = RichTextField("正文")
    source_url = models.URLField("原始地址", max_length=500, blank=True, editable=False)
    # A 文号 already used by the same agency is accepted only when an editor confirms it on the
    # form (cms/disclosure/forms.py); who confirmed which number, and when, is kept here and so on
    # every revision that follows.
    duplicate_number_confirmed = models.CharField(
        "已确认重复的文号", max_length=100, blank=True, editable=False
    )
    duplicate_number_confirmed_by = models.CharField(
        "重复文号确认人", max_length=150, blank=True, editable=False
    )
    duplicate_number_confirmed_at = models.DateTimeField(
        "重复文号确认时间", null=True, blank=True, editable=False
    )

    base_form_class = DisclosurePageForm
    # A copy is a new record and draws its own 索引号 (aliases keep the original's: same record);
    # a copy's duplicate 文号 was confirmed by nobody.
    exclude_fields_in_copy = [
        "index_number",
        "source_url",
        "duplicate_number_confirmed",
        "duplicate_number_confirmed_by",
        "duplicate_number_confirmed_at",
    ]

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("document_number"),
                # A form-only field (DisclosurePageForm): confirms a 文号 the agency already used.
                FieldPanel("confirm_duplicate_number"),
                FieldPanel("written_date"),
                FieldPanel("changed_date"),
                FieldPanel("category"),
                FieldPanel("topic"),
                FieldPanel("genre"),
                FieldPanel("regulatory_kind"),
                FieldPanel("disclosure_method"),
            ],
            heading="信息索引",
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldPanel("effective_date"),
                FieldPanel("expiry_date"),
                FieldPanel("repeal_date"),
            ],
            heading="有效性",
        ),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.SearchField("index_number"),
        index.FilterField("validity"),
    ]

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"

    # -- validation and saving -------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        self.document_number = normalise_document_number(self.document_number)
        if not self.category:
            self.category = self.category_from_parent()
        if not self.category:
            errors["category"] = "请选择信息类别（法定主动公开内容类别）。"
        if message := self.written_date_error():
            errors["written_date"] = message
        if message := self.changed_date_error():
            errors["changed_date"] = message
        limit = summary_max_chars()
        if len(self.summary or "") > limit:
            errors["summary"] = f"内容概述不能超过{limit}字，当前{len(self.summary)}字。"
        if self.validity == Validity.REPEALED and not self.repeal_date:
            errors["repeal_date"] = "有效性为“废止”时必须填写废止日期。"
        if self.validity == Validity.EXPIRED and not self.expiry_date:
            errors["expiry_date"] = "有效性为“失效”时必须填写失效日期。"
        if self.written_date:
            for field in ("effective_date", "expiry_date", "repeal_date"):
                value = getattr(self, field)
                if value and value < self.written_date and field not in errors:
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = f"{label}不能早于成文日期。"
        if errors:
            raise ValidationError(errors)

    def category_from_parent(self) -> str:
        return category_for_column(self.get_parent() if self.pk or self.path else None)

    def changed_date_error(self) -> str | None:
        """变更日期 is when the information changed: never after today, never before 成文日期."""
        if not self.changed_date:
            return None
        today = timezone.localdate()
        if self.changed_date > today:
            return f"变更日期不能晚于今天（{today:%Y-%m-%d}）。"
        if self.written_date and self.changed_date < self.written_date:
            return "变更日期不能早于成文日期。"
        return None

    def written_date_error(self) -> str | None:
        """成文日期 is when the document was formed: never after today, and never after its first
        publication (条例 第二十六条 counts from it to the 发布日期, so it cannot come later)."""
        if not self.written_date:
            return None
        today = timezone.localdate()
        if self.written_date > today:
            return f"成文日期不能晚于今天（{today:%Y-%m-%d}）。"
        if self.first_published_at:
            published = timezone.localdate(self.first_published_at)
            if self.written_date > published:
                return f"成文日期不能晚于发布日期（{published:%Y-%m-%d}）。"
        return None

    def save(self, *args: Any, **kwargs: Any) -> None:
        from cms.disclosure.index_numbers import issue_index_number, register_existing_number
        from cms.disclosure.models import IssuedIndexNumber

        self.document_number = normalise_document_number(self.document_number)
        with transaction.atomic():
            issued = None
            if self.pk and not self.alias_of_id:
                issued = (
                    IssuedIndexNumber.objects.filter(page_id=self.pk)
                    .values_list("number", flat=True)
                    .first()
                )
                if issued:
                    # Never changed: whatever a revision or a copy carries, the issued number wins.
                    self.index_number = issued
            super().save(*args, **kwargs)
            if issued or self.alias_of_id or not self.live or not self.organisation_id:
                return
            if self.index_number:
                register_existing_number(self, self.index_number)
            else:
                self.index_number = issue_index_number(self)
                DisclosurePage.objects.filter(pk=self.pk).update(index_number=self.index_number)

    # -- reading ---------------------------------------------------------------------------

    @property
    def record(self) -> DisclosurePage:
        """The one record behind this page: for an alias on another site, the original."""
        if self.alias_of_id:
            cached = self.__dict__.get("_record")
            if cached is not None and cached.pk == self.alias_of_id:
                return cached
            original = DisclosurePage.objects.filter(pk=self.alias_of_id).first()
            if original is not None:
                self.__dict__["_record"] = original
                return original
        return self

    @classmethod
    def prepare_search_batch(cls, pages: list[DisclosurePage]) -> None:
        """The originals of a batch's aliases, with what their metadata reads: one query."""
        alias_ids = {page.alias_of_id for page in pages if page.alias_of_id}
        if not alias_ids:
            return
        originals = cls.objects.filter(pk__in=alias_ids).select_related(
            "organisation", "topic__parent"
        )
        by_pk = {original.pk: original for original in originals}
        for page in pages:
            if page.alias_of_id in by_pk:
                page.__dict__["_record"] = by_pk[page.alias_of_id]

    @property
    def category_title(self) -> str:
        return CATEGORY_TITLES.get(self.category, "")

    def search_metadata(self) -> dict[str, str]:
        """Catalogue fields for the search index (search's `build_document` calls this)."""
        record = self.record
        return {
            "index_number": record.index_number,
            "document_number": record.document_number,
            "organisation": record.organisation.name if record.organisation_id else "",
            "topic": record.topic.path_label if record.topic_id else "",
            "genre": record.genre,
            "validity": record.validity,
        }

    def page_meta(self) -> dict[str, str]:
        return organisation_item_meta(self)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any):
        if self.disclosure_method == DisclosureMethod.NOT_DISCLOSED:
            raise Http404("不予公开的信息不在网站展示。")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from cms.disclosure.models.companion_pages import InterpretationPage
        from cms.pages.queries import publicly_visible

        context = super().get_context(request, *args, **kwargs)
        record = self.record
        # One query for the files and their documents, however many there are.
        prefetch_related_objects([record], "attachments__document")
        context["record"] = record
        context["interpretations"] = list(
            publicly_visible(InterpretationPage.objects.all())
            .filter(interpreted_policies__policy=record)
            .distinct()
            .order_by("-first_published_at")
            .only("title", "url_path", "first_published_at", "path", "depth")
        )
        return context


class DisclosureAttachment(PageAttachment):
    """A file of a disclosure; the type is checked by content and size on every save."""

    page = ParentalKey(DisclosurePage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(PageAttachment.Meta):
        pass
