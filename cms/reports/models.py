"""The annual report on government information disclosure (条例 第四十九、五十条): one per reporting
organisation and year, holding the figures staff enter (table 二's remaining cells, table 四,
sections 一, 五, 六) and a snapshot of the figures computed from the records (table 二 规章/规范性
文件, table 三), frozen when the report is published; and `AnnualReportPage`, the public page in the
site's 公开年报 column that shows a published report.

Scope: a report covers one agency (条例 第四条, 第四十九条): table 三 counts the request cases
that agency answers, table 二 its own records. Every agency hosted on a site reports, and its
page goes into the host site's 公开年报 column.

Publish state has one home: the report's page. `status` follows the page's live state, written
only by `mark_published()` / `mark_draft()`, which the page's publish and unpublish signals call
(cms.reports.signal_handlers); the page refuses to go live while the report fails its checks."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from cms.core.models import BasePage
from cms.reports.layout import (
    TABLE_FOUR_FIELDS,
    table_four_grid,
    table_three_grid,
    table_two_grid,
)
from sites.models import SiteLevel

EARLIEST_YEAR = 2008  # 《政府信息公开条例》(2007) took effect on 2008-05-01.


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


def _count(label: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0)


def publication_deadline(site_level: str, year: int) -> datetime.date:
    """Deadline to publish the report for `year`: departments 31 January, governments 31 March of
    the next year (条例 第四十九、五十条), overridable in settings for stricter local rules."""
    kind = "department" if site_level == SiteLevel.DEPARTMENT else "government"
    month, day = settings.JIYUE_ANNUAL_REPORT_DEADLINES[kind]
    return datetime.date(year + 1, month, day)


class AnnualReport(models.Model):
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="报告机关",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("报告年度")
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )

    # Table 二: 条例 第二十条第（五）、（六）、（八）项.
    licensing_decisions = _count("行政许可 本年处理决定数量")
    penalty_decisions = _count("行政处罚 本年处理决定数量")
    enforcement_decisions = _count("行政强制 本年处理决定数量")
    fees_amount = models.DecimalField(
        "行政事业性收费 本年收费金额（万元）",
        max_digits=14,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )

    # Table 四: 3 proceedings × 5 results (layout.TABLE_FOUR_FIELDS); 总计 is checked, not derived.
    review_upheld = _count("表四 行政复议 结果维持")
    review_corrected = _count("表四 行政复议 结果纠正")
    review_other = _count("表四 行政复议 其他结果")
    review_pending = _count("表四 行政复议 尚未审结")
    review_total = _count("表四 行政复议 总计")
    litigation_direct_upheld = _count("表四 行政诉讼（未经复议直接起诉） 结果维持")
    litigation_direct_corrected = _count("表四 行政诉讼（未经复议直接起诉） 结果纠正")
    litigation_direct_other = _count("表四 行政诉讼（未经复议直接起诉） 其他结果")
    litigation_direct_pending = _count("表四 行政诉讼（未经复议直接起诉） 尚未审结")
    litigation_direct_total = _count("表四 行政诉讼（未经复议直接起诉） 总计")
    litigation_after_review_upheld = _count("表四 行政诉讼（复议后起诉） 结果维持")
    litigation_after_review_corrected = _count("表四 行政诉讼（复议后起诉） 结果纠正")
    litigation_after_review_other = _count("表四 行政诉讼（复议后起诉） 其他结果")
    litigation_after_review_pending = _count("表四 行政诉讼（复议后起诉） 尚未审结")
    litigation_after_review_total = _count("表四 行政诉讼（复议后起诉） 总计")

    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField(
        "六、其他需要报告的事项",
        blank=True,
        help_text="包括依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。",
    )

    # Computed figures, refreshed on every save of a draft and frozen on publication.
    table_two_data = models.JSONField("表二（规章、规范性文件）", default=dict, editable=False)
    table_three_data = models.JSONField("表三", default=dict, editable=False)
    generated_at = models.DateTimeField("统计时间", null=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, editable=False)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "organisation__site__sort_order", "organisation__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="reports_one_per_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def site(self):
        return self.organisation.site

    @property
    def deadline(self) -> datetime.date:
        # A government's own site is city or county level; the other agencies it hosts (长河市
        # 财政局 on the city portal) are its departments and report on the departments' date.
        from cms.requests.agencies import default_organisation

        site = self.organisation.site
        level = site.level
        default = default_organisation(site)
        if default is not None and default.pk != self.organisation_id:
            level = SiteLevel.DEPARTMENT
        return publication_deadline(level, self.year)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def mark_published(self) -> None:
        """Freeze the figures and record publication (called when the page goes live)."""
        from cms.reports.generation import compute

        if not self.is_published:
            compute(self)
        self.status = ReportStatus.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self.save()

    def mark_draft(self) -> None:
        """Back to 草稿 (called when the page leaves the site); figures are recounted on save."""
        type(self).objects.filter(pk=self.pk).update(status=ReportStatus.DRAFT)
        self.status = ReportStatus.DRAFT

    def is_overdue(self, today: datetime.date) -> bool:
        return not self.is_published and today > self.deadline

    def manual_values(self) -> dict[str, Any]:
        names = ["licensing_decisions", "penalty_decisions", "enforcement_decisions", "fees_amount"]
        return {name: getattr(self, name) for name in (*names, *TABLE_FOUR_FIELDS)}

    def grids(self) -> list:
        manual = self.manual_values()
        return [
            table_two_grid(self.table_two_data, manual),
            table_three_grid(self.table_three_data.get("cells", {})),
            table_four_grid(manual),
        ]


class AnnualReportPage(RoutablePageMixin, BasePage):
    """A published annual report in the 公开年报 column. Created and published by
    cms.reports.generation.publish(), never by hand; its content is the report."""

    is_column_item = True
    is_creatable = False
    meta_column_type = "信息公开年报"

    report = models.OneToOneField(
        AnnualReport,
        verbose_name="年度报告",
        null=True,
        on_delete=models.PROTECT,
        related_name="page",
    )

    content_panels = [FieldPanel("title", read_only=True)]
    promote_panels: list = []

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    template = "reports/annual_report_page.html"

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"

    def page_meta(self) -> dict[str, str]:
        from cms.pages.models import format_pub_date

        report = self.report
        return {
            "ColumnName": "公开年报",
            "ColumnType": self.meta_column_type,
            "ArticleTitle": self.title,
            "PubDate": format_pub_date(self.first_published_at) if self.first_published_at else "",
            "ContentSource": report.organisation.name if report else "",
        }

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if self.report_id:
            # One query for the report and its organisation; the <meta> tags reuse it.
            self.report = AnnualReport.objects.select_related("organisation").get(pk=self.report_id)
        context["report"] = self.report
        context["xlsx_url"] = self.get_url(request) + "xlsx/"
        return context

    def clean(self) -> None:
        super().clean()
        # Wagtail validates a page fully only when it is saved live, i.e. when it is being
        # published (from the report screen, the page editor, bulk actions or a workflow):
        # a report that fails its checks never goes live, whatever path publishes it.
        if self.live and self.report_id:
            from cms.reports.generation import readiness_errors

            report = AnnualReport.objects.select_related("organisation__site").get(
                pk=self.report_id
            )
            errors = readiness_errors(report)
            if errors:
                raise ValidationError([f"年度报告未通过校验，不能发布：{e}" for e in errors])

    @path("xlsx/")
    def xlsx(self, request: HttpRequest) -> HttpResponse:
        from cms.reports.xlsx import xlsx_response

        return xlsx_response(self.report)

    @classmethod
    def for_report(cls, report: AnnualReport) -> AnnualReportPage | None:
        return cls.objects.filter(report=report).first()


# The 政府网站工作年度报表 lives in its own module; importing it here registers its models.
from cms.reports.site_models import (  # noqa: E402, F401
    SiteAnnualReport,
    SiteAnnualReportPage,
    SiteReportStatus,
)
