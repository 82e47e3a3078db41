"""Daily audit snapshots: one AuditRun per site per day with its findings, each carrying the date
it was first seen, so trends are real and an open finding shows since when it has been open.
AuditRun also holds the `view_scorecard` permission of the 审计员 group (read-only auditors)."""

from __future__ import annotations

from django.db import models

from cms.audit.rules import Severity

SEVERITY_CHOICES = [(s.value, s.value) for s in Severity]


class AuditRun(models.Model):
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="audit_runs",
    )
    run_date = models.DateField("检查日期")
    created_at = models.DateTimeField("生成时间", auto_now=True)
    score = models.PositiveSmallIntegerField("得分")
    veto = models.BooleanField("单项否决")
    veto_count = models.PositiveIntegerField("否决项", default=0)
    deduction_count = models.PositiveIntegerField("扣分项", default=0)
    warning_count = models.PositiveIntegerField("提醒项", default=0)
    on_time = models.PositiveIntegerField("按时公开", default=0)
    late = models.PositiveIntegerField("逾期公开", default=0)

    class Meta:
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["-run_date", "site__sort_order"]
        default_permissions = ()
        permissions = [("view_scorecard", "查看检查评估（全部网站，只读）")]
        constraints = [
            models.UniqueConstraint(fields=["site", "run_date"], name="audit_one_run_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.run_date}"


class FindingRecord(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    key = models.CharField(max_length=200)
    rule_code = models.CharField("规则", max_length=50)
    severity = models.CharField("等级", max_length=4, choices=SEVERITY_CHOICES)
    object_type = models.CharField(max_length=20)
    object_id = models.BigIntegerField(null=True)
    title = models.CharField("对象", max_length=300)
    explanation = models.TextField("说明")
    admin_url = models.CharField("处理地址", max_length=300)
    first_seen = models.DateField("首次发现")

    class Meta:
        verbose_name = "检查发现"
        verbose_name_plural = "检查发现"
        default_permissions = ()
        indexes = [models.Index(fields=["run", "key"])]

    def __str__(self) -> str:
        return self.key


class ExternalLink(models.Model):
    """The latest result of `check_links` for one outbound link on one page. Replaced per site on
    every check, so the daily audit reads the newest results without any network call."""

    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="external_links",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField("链接地址", max_length=2000)
    ok = models.BooleanField("可以访问")
    status_code = models.PositiveSmallIntegerField("HTTP 状态码", null=True, blank=True)
    error = models.CharField("问题", max_length=200, blank=True)
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = "外部链接检查结果"
        verbose_name_plural = "外部链接检查结果"
        default_permissions = ()
        indexes = [models.Index(fields=["site", "ok"])]

    def __str__(self) -> str:
        return self.url


class LinkCheckRun(models.Model):
    """One site's external-link check: when, how many links, how many broken (kept as history)."""

    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="link_check_runs",
    )
    checked_at = models.DateTimeField("检查时间")
    links = models.PositiveIntegerField("链接数")
    broken = models.PositiveIntegerField("失效链接数")

    class Meta:
        verbose_name = "外部链接检查记录"
        verbose_name_plural = "外部链接检查记录"
        default_permissions = ()
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.site_id} {self.checked_at:%Y-%m-%d}"


class PublicTransparency(models.Model):
    """Per site: whether its disclosure punctuality is published on a public page (issue 10 item
    8, optional). Switched by the site's moderators from the scorecard."""

    site = models.OneToOneField(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="public_transparency",
    )
    enabled = models.BooleanField("公开主动公开按时情况", default=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.CharField("修改人", max_length=150, blank=True)

    class Meta:
        verbose_name = "按时公开情况公示设置"
        verbose_name_plural = "按时公开情况公示设置"
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.site_id} {'公开' if self.enabled else '不公开'}"
