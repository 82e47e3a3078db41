"""Rows of the app API: read tokens issued by site administrators, and the sync journal (one
row per content change, in a strictly increasing sequence) that incremental sync reads."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "jy_"


def hash_token(raw: str) -> str:
    """Tokens are 32 random bytes, so a plain SHA-256 is enough: only the hash is stored."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A read token for one app, issued by a site's administrators. The token is shown once at
    issue; the row keeps its hash and an 8-character prefix by which people recognise it."""

    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="所属网站",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("用途说明", max_length=100, help_text="例如：“掌上安宁”客户端。")
    prefix = models.CharField("令牌前缀", max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("签发时间", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def status_label(self) -> str:
        return "有效" if self.is_active else "已撤销"

    def issue(self) -> str:
        """Give the unsaved token its secret; returns the raw token (shown once, never stored)."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[: len(TOKEN_PREFIX) + 8]
        self.key_hash = hash_token(raw)
        return raw


class ChangeKind(models.TextChoices):
    UPSERT = "upsert", "更新"
    TOMBSTONE = "tombstone", "删除"


class JournalHead(models.Model):
    """The journal's one counter row. Writers lock it for the rest of their transaction, so
    sequence numbers become visible in commit order and a reader's cursor never skips a row
    that commits late (an auto-increment key gives no such guarantee on PostgreSQL)."""

    seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"同步日志序号 {self.seq}"


class ChangeEntry(models.Model):
    """One change to one item as an app sees it: `upsert` when it is publicly listable after
    the change, `tombstone` when it is gone from the public (withdrawn, unpublished, deleted,
    不予公开, moved away from the site). Readers resolve the item's current state at read time."""

    seq = models.BigIntegerField(primary_key=True)
    content_id = models.CharField(max_length=36)
    page_id = models.IntegerField()
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    reason = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "同步日志"
        verbose_name_plural = "同步日志"
        indexes = [
            models.Index(fields=["site", "seq"], name="jiyue_api_change_site_seq"),
            models.Index(fields=["content_id", "seq"], name="jiyue_api_change_content_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.seq} {self.kind} {self.content_id}"
