"""The 政府网站工作年度报表 (国办函〔2018〕12号, STANDARDS.md §8): one per site and year, published on
the site by 31 January of the next year. Figures the platform knows (articles per column kind,
解读, messages, consultations, interviews, service items) are computed into `computed` and frozen on
publication; the fields below are what staff enter (visits, security, new media until the
registry lands, the 填报 block). Identity (名称, 网址, 主办单位, 标识码, 备案号) is snapshotted from
the site profile with the figures.

As with the 年度报告, the publish state has one home: the page. `status` follows
`SiteAnnualReportPage`'s live state (cms.reports.site_generation and its signal handlers)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from cms.core.models import BasePage

# 国办函〔2018〕12号: each site publishes last year's 年度报表 by 31 January.
SITE_REPORT_DEADLINE = (1, 31)


def site_report_deadline(year: int) -> datetime.date:
    month, day = SITE_REPORT_DEADLINE
    return datetime.date(year + 1, month, day)


def _count(label: str, **extra: Any) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0, **extra)


def _big(label: str) -> models.PositiveBigIntegerField:
    return models.PositiveBigIntegerField(label, default=0)


def _yes(label: str) -> models.BooleanField:
    return models.BooleanField(label, default=False)


class SiteReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class SiteAnnualReport(models.Model):
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.PROTECT,
        related_name="site_annual_reports",
    )
    year = models.PositiveSmallIntegerField("报表年度")
    status = models.CharField(
        "状态",
        max_length=12,
        choices=SiteReportStatus.choices,
        default=SiteReportStatus.DRAFT,
        editable=False,
    )

    # 访问情况 (from access statistics, which the platform does not keep).
    unique_visitors = _big("独立用户访问总量（个）")
    total_visits = _big("网站总访问量（次）")
    # 专栏专题: computed; 解读回应: products, media comments and responses are entered.
    interpretation_products = _count("解读产品数（图解、视频等，条）")
    media_comments = _count("媒体评论（篇）")
    hot_responses = _count("回应公众关注热点或重大舆情数（次）")
    # 办事服务
    has_service_directory = _yes("是否发布服务事项目录")
    registered_users = _count("注册用户数（个）")
    online_service_items = _count("可全程在线办理政务服务事项数量（项）")
    cases_individual = _count("办件量 自然人（件）")
    cases_legal = _count("办件量 法人（件）")
    # 互动交流
    unified_platform = _yes("是否使用统一平台")
    smart_qa = _yes("是否提供智能问答")
    # 安全防护
    security_assessments = _count("安全检测评估次数（次）")
    security_problems = _count("发现问题数量（个）")
    security_fixed = _count("问题整改数量（个）")
    security_monitoring = _yes("是否建立安全监测预警机制")
    security_drills = _yes("是否开展应急演练")
    security_officer = _yes("是否明确网站安全负责人")
    # 移动新媒体 (entered until the 政务新媒体 registry can supply them)
    has_new_media = _yes("是否有移动新媒体")
    weibo_name = models.CharField("微博 名称", max_length=100, blank=True)
    weibo_posts = _count("微博 信息发布量（条）")
    weibo_followers = _count("微博 关注量（个）")
    wechat_name = models.CharField("微信 名称", max_length=100, blank=True)
    wechat_posts = _count("微信 信息发布量（条）")
    wechat_subscribers = _count("微信 订阅数（个）")
    other_new_media = models.TextField("其他移动新媒体", blank=True)
    # 创新发展
    innovation = models.TextField(
        "创新发展", blank=True, help_text="搜索即服务、多语言版本、无障碍浏览、千人千网等。"
    )
    # 填报
    filing_unit = models.CharField("填报单位", max_length=100, blank=True)
    head = models.CharField("负责人", max_length=50, blank=True)
    reviewer = models.CharField("审核人", max_length=50, blank=True)
    filler = models.CharField("填报人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    filing_date = models.DateField("填报日期", null=True, blank=True)

    computed = models.JSONField("系统统计", default=dict, editable=False)
    generated_at = models.DateTimeField("统计时间", null=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, editable=False)

    class Meta:
        verbose_name = "政府网站工作年度报表"
        verbose_name_plural = "政府网站工作年度报表"
        ordering = ["-year", "site__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="reports_one_site_report_a_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.site.canonical_name}{self.year}年度工作报表"

    @property
    def deadline(self) -> datetime.date:
        return site_report_deadline(self.year)

    @property
    def is_published(self) -> bool:
        return self.status == SiteReportStatus.PUBLISHED

    def is_overdue(self, today: datetime.date) -> bool:
        return not self.is_published and today > self.deadline

    def mark_published(self) -> None:
        from cms.reports.site_figures import compute

        if not self.is_published:
            compute(self)
        self.status = SiteReportStatus.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self.save()

    def mark_draft(self) -> None:
        type(self).objects.filter(pk=self.pk).update(status=SiteReportStatus.DRAFT)
        self.status = SiteReportStatus.DRAFT

    def sections(self):
        from cms.reports.site_layout import sections

        return sections(self)


class SiteAnnualReportPage(BasePage):
    """The published 年度报表 in the site's 政务公开 column (/zwgk/wzndbb-<year>/). Created and
    published by cms.reports.site_generation.publish(), never by hand."""

    is_column_item = True
    is_creatable = False

    report = models.OneToOneField(
        SiteAnnualReport,
        verbose_name="年度报表",
        null=True,
        on_delete=models.PROTECT,
        related_name="page",
    )

    content_panels = [FieldPanel("title", read_only=True)]
    promote_panels: list = []
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    template = "reports/site_report_page.html"

    class Meta:
        verbose_name = "政府网站工作年度报表"
        verbose_name_plural = "政府网站工作年度报表"

    def page_meta(self) -> dict[str, str]:
        from cms.pages.models import format_pub_date

        report = self.report
        return {
            "ColumnName": "政务公开",
            "ColumnType": "信息公开目录",
            "ArticleTitle": self.title,
            "PubDate": format_pub_date(self.first_published_at),
            "ContentSource": report.site.sponsor if report else "",
        }

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if self.report_id:
            self.report = SiteAnnualReport.objects.select_related("site").get(pk=self.report_id)
        context["report"] = self.report
        return context

    @classmethod
    def for_report(cls, report: SiteAnnualReport) -> SiteAnnualReportPage | None:
        return cls.objects.filter(report=report).first()
