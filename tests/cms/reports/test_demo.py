"""The demo builder publishes last year's reports for the demo organisations and is idempotent."""

import datetime as dt
import io

import pytest

from cms.reports.demo import build_demo
from cms.reports.models import AnnualReport, AnnualReportPage, ReportStatus

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 2, 10)


def test_build_demo_is_idempotent(orgs, seeded_cases):
    first = build_demo(today=TODAY, stdout=io.StringIO())
    # Every agency reports: 长河市教育局, 长河市人民政府, 长河市财政局 (on the city portal), 安宁县.
    assert first == {"annual_reports": 4, "annual_reports_published": 4}
    assert build_demo(today=TODAY, stdout=io.StringIO()) == first
    assert AnnualReportPage.objects.live().count() == 4
    report = AnnualReport.objects.get(organisation=orgs["department"])
    assert report.year == 2025 and report.status == ReportStatus.PUBLISHED
    assert report.table_three_data["cells"]["new"]["total"] == 8
    assert report.review_total == sum(
        getattr(report, f"review_{r}") for r in ("upheld", "corrected", "other", "pending")
    )
