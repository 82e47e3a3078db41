"""What each published URL read while it was rendered, and the tracked, retryable jobs that bring
the static tree and the caches up to date after a content change (DESIGN.md: publish side effects
as tracked, retryable rows)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Dependency(models.Model):
    """One thing (`key`, see cms.staticsite.recording) the response of one URL read. A URL is a
    Wagtail site id and a path on that site's host; the rows of a URL are replaced on every
    render, so they say what the current file or cache entry was built from."""

    site_id = models.IntegerField("网站")
    path = models.CharField("路径", max_length=2048)
    key = models.CharField("依赖", max_length=255, db_index=True)

    class Meta:
        verbose_name = "页面依赖"
        verbose_name_plural = "页面依赖"
        constraints = [
            models.UniqueConstraint(fields=["site_id", "path", "key"], name="staticsite_dep_unique")
        ]
        indexes = [models.Index(fields=["site_id", "path"], name="staticsite_dep_url")]

    def __str__(self) -> str:
        return f"{self.site_id}{self.path} ← {self.key}"


class JobState(models.TextChoices):
    PENDING = "pending", "待处理"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class PublishJob(models.Model):
    """One content change to follow: the dependency keys it touches and the URLs it names
    directly (the page's own URLs, old and new). Written in the transaction of the change, so a
    rolled-back publish leaves none; the worker resolves the keys to URLs when it runs."""

    reason = models.CharField("原因", max_length=100)
    keys = models.JSONField("依赖键", default=list)
    urls = models.JSONField("地址", default=list)  # [[site_id, path], …]
    state = models.CharField(
        "状态", max_length=10, choices=JobState.choices, default=JobState.PENDING
    )
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    next_attempt_at = models.DateTimeField("下次尝试", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    rendered = models.PositiveIntegerField("重写文件数", default=0)
    removed = models.PositiveIntegerField("删除文件数", default=0)
    last_error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "静态发布任务"
        verbose_name_plural = "静态发布任务"
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="staticsite_job_due")]

    def __str__(self) -> str:
        return f"{self.reason} ({self.get_state_display()})"
