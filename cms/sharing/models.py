"""信息报送: a site's item offered to another site's column, the receiving site's decision, and
each receiving site's policy (which sites it accepts from without review)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "已采用"
    REJECTED = "rejected", "未采用"


# A page may be offered to a column once at a time: again only after a rejection.
OPEN_STATUSES = (Status.PENDING, Status.ACCEPTED)


class Submission(models.Model):
    """One offer of a live article or disclosure (`page`) to `target_column` of another site.
    Accepting it creates `copy`, a Wagtail alias of the page below the column (one record)."""

    # Kept when the original is deleted: the 信息报送考核 figures must not change afterwards.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="报送稿件",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("稿件标题", max_length=255)
    source_site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="报送网站", on_delete=models.CASCADE, related_name="+"
    )
    target_site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="接收网站", on_delete=models.CASCADE, related_name="+"
    )
    target_column = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="目标栏目",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("报送说明", max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", default=timezone.now)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    reason = models.CharField("审核意见", max_length=500, blank=True)
    auto_accepted = models.BooleanField("自动采用", default=False)
    copy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="采用后的页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "信息报送"
        verbose_name_plural = "信息报送"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "target_column"],
                condition=models.Q(status__in=["pending", "accepted"]),
                name="sharing_one_open_submission_per_column",
            )
        ]
        indexes = [
            models.Index(fields=["target_site", "status"], name="sharing_target_status"),
            models.Index(fields=["source_site", "submitted_at"], name="sharing_source_time"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.target_column_id}（{self.get_status_display()}）"


class SharingPolicy(models.Model):
    """A receiving site's rules: submissions from `auto_accept_from` are accepted at once, and
    on a city portal the 站群要闻 block also lists those sites' news directly."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name="接收网站",
        on_delete=models.CASCADE,
        related_name="sharing_policy",
    )
    auto_accept_from = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name="自动采用以下网站的报送",
        blank=True,
        related_name="+",
        help_text="这些网站报送的稿件无需审核直接采用，其工作动态也直接进入门户的站群要闻。",
    )

    class Meta:
        verbose_name = "报送接收规则"
        verbose_name_plural = "报送接收规则"

    def __str__(self) -> str:
        return f"{self.site} 报送接收规则"
