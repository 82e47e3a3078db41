"""Search data kept in the database: the embedded engine's stored documents (`IndexEntry`; its
full-text structure, an FTS5 table or a tsvector column, is created by migration 0002 for the
database in use), the term vocabulary behind pinyin input and "did you mean", and the editors'
tools: synonyms, best bets (推荐结果) and the query log."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from search.text import normalise


class IndexEntry(models.Model):
    """One indexed page, as stored by the embedded engine. Rows are written only by the engine."""

    page_id = models.BigIntegerField("页面ID", unique=True)
    site_id = models.IntegerField("站点")
    site_name = models.CharField(max_length=100, blank=True)
    site_code = models.CharField(max_length=20, blank=True)
    column_title = models.CharField(max_length=255, blank=True)
    column_type = models.CharField(max_length=20, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    topic = models.CharField(max_length=100, blank=True)
    genre = models.CharField(max_length=50, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    index_number = models.CharField(max_length=100, blank=True, db_index=True)
    document_number = models.CharField(max_length=100, blank=True, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(null=True)
    year = models.IntegerField(null=True)

    class Meta:
        verbose_name = "索引条目"
        verbose_name_plural = "索引条目"
        # The latest items (the empty query, 最新发布) walk these in order instead of sorting:
        # all sites, or one site (the default scope of a site's search page).
        indexes = [
            models.Index(fields=["published_at"], name="search_entry_published"),
            models.Index(fields=["site_id", "published_at"], name="search_entry_site_published"),
        ]

    def __str__(self) -> str:
        return self.title


class IndexText(models.Model):
    """The long text of an entry, apart so filtering, ranking and facet counts scan narrow rows
    and the long text is read only for the page of hits shown (and for quoted phrases)."""

    entry = models.OneToOneField(
        IndexEntry, primary_key=True, on_delete=models.CASCADE, related_name="text"
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    attachment_text = models.TextField(blank=True)

    class Meta:
        verbose_name = "索引正文"
        verbose_name_plural = "索引正文"

    def __str__(self) -> str:
        return f"{self.entry_id}"


class SearchTerm(models.Model):
    """A word seen in indexed titles and text, with its toneless pinyin (社保 → shebao)."""

    term = models.CharField(max_length=50, unique=True)
    pinyin = models.CharField(max_length=200, db_index=True)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "词汇"
        verbose_name_plural = "词汇"

    def __str__(self) -> str:
        return self.term


class Synonym(models.Model):
    """A group of interchangeable terms applied at query time (社保 ↔ 社会保险)."""

    terms = models.CharField(
        "同义词组",
        max_length=500,
        help_text="用逗号分隔同义的词语，例如：社保,社会保险。搜索其中任何一个词，结果包含所有词。",
    )
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["pk"]

    def __str__(self) -> str:
        return " ↔ ".join(self.term_list())

    def term_list(self) -> list[str]:
        raw = self.terms.replace("，", ",").replace("、", ",").replace(";", ",")
        return [t for t in dict.fromkeys(normalise(part.strip()) for part in raw.split(",")) if t]

    def clean(self) -> None:
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "同义词组至少需要两个不同的词语，用逗号分隔。"})


class BestBet(models.Model):
    """A page editors pin above the results for a query (推荐结果), on one site or the cluster."""

    query = models.CharField("搜索词", max_length=100, help_text="访客输入该词时显示此推荐结果。")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="推荐页面", on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="适用站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空表示全站群所有网站适用。",
    )
    description = models.CharField("推荐说明", max_length=200, blank=True)
    valid_from = models.DateField("生效日期", null=True, blank=True)
    valid_until = models.DateField("失效日期", null=True, blank=True)
    sort_order = models.IntegerField("排序", default=0)

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.query} → {self.page}"

    def save(self, *args, **kwargs) -> None:
        self.query = normalise(self.query.strip())
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": "失效日期不能早于生效日期。"})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (not self.valid_from or self.valid_from <= today) and (
            not self.valid_until or today <= self.valid_until
        )


class QueryLog(models.Model):
    """One search a visitor ran (first result page only), for 热词 and the zero-result report.

    `client` is a keyed hash of the visitor's address and browser and the day (search.hot_terms),
    never the address itself: 热词 count distinct clients a day, so one client repeating a query
    counts once, and the hash cannot follow a visitor from one day to the next."""

    query = models.CharField("搜索词", max_length=100, db_index=True)
    site_id = models.IntegerField("站点", null=True)
    scope = models.CharField("范围", max_length=10, default="site")
    results = models.PositiveIntegerField("结果数")
    client = models.CharField("访客标识", max_length=32, blank=True, default="")
    created_at = models.DateTimeField("搜索时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.query


class HiddenTerm(models.Model):
    """A search term administrators keep out of every public 热词 list (abusive, personal or
    misleading searches); it still counts in the admin's search report, marked 已隐藏."""

    term = models.CharField("搜索词", max_length=100, unique=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("隐藏时间", default=timezone.now)

    class Meta:
        verbose_name = "隐藏的热词"
        verbose_name_plural = "隐藏的热词"
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.term = normalise(self.term.strip())[:100]
        super().save(*args, **kwargs)
