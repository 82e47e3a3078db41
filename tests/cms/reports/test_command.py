"""`generate_annual_report`: counts and checks, exits non-zero with one Chinese line on an unknown
organisation, a bad year or a failing check, and writes nothing then."""

import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cms.reports.models import AnnualReport, AnnualReportPage, ReportStatus
from tests.cms.reports.conftest import CONSISTENT_TABLE_FOUR, YEAR

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("generate_annual_report", *args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as raised:
        run(*args)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_generates_by_name_or_credit_code(orgs, seeded_cases):
    assert "长河市教育局2025年政府信息公开工作年度报告：草稿，校验通过" in run(
        "--org", "长河市教育局", "--year", str(YEAR)
    )
    run("--org", orgs["department"].credit_code.lower(), "--year", str(YEAR))
    report = AnnualReport.objects.get()
    assert report.table_three_data["cells"]["new"]["total"] == 8


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--org", "长河市不存在局", "--year", "2025"),
            "找不到名称或统一社会信用代码为“长河市不存在局”的机构",
        ),
        (("--org", "长河市教育局", "--year", "二〇二五"), "报告年度应为四位数字年份"),
        (("--org", "长河市教育局", "--year", "1999"), "报告年度应为已经结束的年度"),
    ],
)
def test_bad_input_exits_with_one_chinese_line(orgs, args, expected):
    assert expected in refused(*args)
    assert not AnnualReport.objects.exists()


def test_stored_inconsistent_entry_is_refused_naming_the_cell(orgs, seeded_cases):
    report = AnnualReport.objects.create(organisation=orgs["department"], year=YEAR)
    # A figure typed in elsewhere (an old import, a raw SQL fix) that does not add up.
    AnnualReport.objects.filter(pk=report.pk).update(review_upheld=1, review_total=5)
    message = refused("--org", "长河市教育局", "--year", str(YEAR), "--publish")
    assert message == "表四 行政复议 总计（5）应等于结果维持、结果纠正、其他结果、尚未审结之和（1）"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.generated_at is None


def test_figures_file_is_checked_like_the_admin_form(orgs, seeded_cases, tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text(json.dumps({**CONSISTENT_TABLE_FOUR, "litigation_after_review_total": 2}))
    message = refused("--org", "长河市教育局", "--year", str(YEAR), "--figures", str(figures))
    assert message == (
        "表四 行政诉讼（复议后起诉） 总计（2）应等于结果维持、结果纠正、其他结果、尚未审结之和（1）"
    )
    assert not AnnualReport.objects.exists()
    figures.write_text(json.dumps({"penalty_decisions": -1}))
    assert "表二 行政处罚 本年处理决定数量：" in refused(
        "--org", "长河市教育局", "--year", str(YEAR), "--figures", str(figures)
    )
    figures.write_text(json.dumps({"review_totl": 1}))
    assert "未知字段：review_totl" in refused(
        "--org", "长河市教育局", "--year", str(YEAR), "--figures", str(figures)
    )


def test_figures_xlsx_and_publish(orgs, seeded_cases, tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text(
        json.dumps({**CONSISTENT_TABLE_FOUR, "fees_amount": "3.25", "overview": "总体情况。"}),
        encoding="utf-8",
    )
    out = tmp_path / "report.xlsx"
    output = run(
        "--org", "长河市教育局", "--year", str(YEAR), "--figures", str(figures),
        "--xlsx", str(out), "--publish",
    )  # fmt: skip
    assert "已发布，校验通过" in output
    report = AnnualReport.objects.get()
    assert report.review_total == 4 and report.status == ReportStatus.PUBLISHED
    assert AnnualReportPage.objects.get(report=report).live
    assert load_workbook(out)["四、复议诉讼"]["E6"].value == 4
