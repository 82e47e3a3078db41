"""The log's two tables: `PublicationEntry`, one append-only row per state change, and `ChainHead`,
the single row writers lock so that concurrent publishes extend the chain one after another instead
of forking it. Pages, revisions, sites and users are kept as plain ids (and the title and username
as text): a deleted page or user must not cascade into the log or change a hashed value."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from cms.publication_log.hashing import GENESIS_HASH


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a log entry through the ORM."""


APPEND_ONLY_MESSAGE = "发布记录只能追加，不能修改或删除。"
# 网络安全法 第二十一条: network logs are kept for no less than six months. Entries are never
# deleted, so every entry is kept at least this long.
MIN_RETENTION_MONTHS = 6
RETENTION_RULE = (
    f"《中华人民共和国网络安全法》第二十一条（网络日志留存不少于{MIN_RETENTION_MONTHS}个月）"
)
# 政府网站与政务新媒体检查指标 (2019), 单项否决: 伪造发稿日期.
BACKDATING_RULE = "《政府网站与政务新媒体检查指标》单项否决项“伪造发稿日期”"


class Action(models.TextChoices):
    PUBLISH = "publish", "发布"
    UNPUBLISH = "unpublish", "取消发布"
    WITHDRAW = "withdraw", "撤稿"
    REINSTATE = "reinstate", "恢复"
    DELETE = "delete", "删除（已发布页面）"
    BASELINE = "baseline", "基线（启用发布记录时已发布）"
    DATE_REFUSED = "date_refused", "拒绝修改首次发布时间"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def update_or_create(self, *args: Any, **kwargs: Any):
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def _raw_delete(self, *args: Any, **kwargs: Any) -> int:
        # What Django's deletion collector uses for fast deletes.
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)


class PublicationEntry(models.Model):
    seq = models.PositiveBigIntegerField("序号", unique=True)
    recorded_at = models.DateTimeField("记录时间（系统时间）")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    page_id = models.IntegerField("页面 ID", db_index=True)
    page_title = models.CharField("页面标题", max_length=255)
    site_id = models.IntegerField("网站 ID", null=True, db_index=True)
    revision_id = models.IntegerField("修订 ID", null=True)
    user_id = models.IntegerField("操作人 ID", null=True)
    username = models.CharField("操作人", max_length=150, blank=True)
    first_published_at = models.DateTimeField("首次发布时间（记录时）", null=True)
    content_hash = models.CharField("内容 SHA-256", max_length=64)
    previous_hash = models.CharField("前一条记录 SHA-256", max_length=64)
    entry_hash = models.CharField("本条记录 SHA-256", max_length=64, unique=True)
    note = models.TextField("说明", blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "发布记录"
        verbose_name_plural = "发布记录"
        ordering = ["seq"]
        # Only viewing: change and delete are refused, adding is done by the system.
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"第 {self.seq} 条：{self.get_action_display()}《{self.page_title}》"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(APPEND_ONLY_MESSAGE)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any):
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def hashed_fields(self) -> dict[str, Any]:
        from cms.publication_log.hashing import ENTRY_FIELDS

        return {name: getattr(self, name) for name in ENTRY_FIELDS}


class ChainHead(models.Model):
    """The chain's end: the last entry's sequence number and hash. Always the row with pk 1."""

    HEAD_PK = 1

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "发布记录链尾"
        verbose_name_plural = "发布记录链尾"
        default_permissions = ()

    def __str__(self) -> str:
        return f"链尾：第 {self.last_seq} 条 {self.last_hash[:12]}…"
