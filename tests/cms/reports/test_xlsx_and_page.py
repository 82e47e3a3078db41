"""The XLSX export has the national layout (merged headers, figures in the right cells) and the
public page in the 公开年报 column renders the six sections and accessible tables within a query
budget; drafts are not public."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from cms.reports.generation import generate, publish
from cms.reports.models import AnnualReport, ReportStatus
from cms.requests.table_three import ApplicantType
from tests.cms.reports.conftest import CONSISTENT_TABLE_FOUR, YEAR, add_case
from tests.conftest import DEPARTMENT_HOST, host_client

pytestmark = pytest.mark.django_db
PAGE_QUERY_BUDGET = 14  # the same as an article page (tests/cms/pages/test_query_counts.py)


@pytest.fixture
def report(orgs, seeded_cases, seeded_regulations) -> AnnualReport:
    report = generate(orgs["department"], YEAR)
    for name, value in {**CONSISTENT_TABLE_FOUR, "licensing_decisions": 36}.items():
        setattr(report, name, value)
    report.fees_amount = "12.5"
    report.overview = "2025年，长河市教育局深入推进政务公开。"
    report.problems = "政策解读形式不够丰富。"
    report.other_matters = "本年度未收取信息处理费。"
    report.save()
    return report


def workbook(report):
    from cms.reports.xlsx import workbook_bytes

    return load_workbook(io.BytesIO(workbook_bytes(report)))


def test_xlsx_table_three_layout_and_figures(report):
    sheet = workbook(report)["三、依申请公开"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A8:A29", "B8:C8"} <= merged
    assert {"B10:B17", "B18:B20", "B21:B25", "B26:B28", "B29:C29", "A30:C30"} <= merged
    assert sheet["D3"].value == "申请人情况" and sheet["E5"].value == "商业企业"
    assert sheet["I5"].value == "其他" and sheet["J4"].value == "总计"
    assert sheet["A6"].value == "一、本年新收政府信息公开申请数量"
    assert [sheet.cell(6, c).value for c in range(4, 11)] == [2, 2, 1, 1, 1, 1, 8]  # 一
    assert [sheet.cell(7, c).value for c in range(4, 11)] == [2, 0, 0, 0, 0, 0, 2]  # 二
    assert sheet["C13"].value == "4.保护第三方合法权益" and sheet["D13"].value == 1
    assert sheet["B29"].value == "（七）总计"
    assert [sheet.cell(29, c).value for c in range(4, 11)] == [3, 2, 0, 1, 0, 1, 7]
    assert [sheet.cell(30, c).value for c in range(4, 11)] == [1, 0, 1, 0, 1, 0, 3]  # 四


def test_xlsx_tables_two_and_four(report):
    book = workbook(report)
    two = book["二、主动公开"]
    assert two["A3"].value == "第二十条第（一）项" and "A3:D3" in {
        str(r) for r in two.merged_cells.ranges
    }
    assert [two.cell(6, c).value for c in range(1, 5)] == ["行政规范性文件", 1, 1, 2]
    assert two["A9"].value == "行政许可" and two["B9"].value == 36
    assert two["A16"].value == "行政事业性收费" and two["B16"].value == 12.5
    four = book["四、复议诉讼"]
    merged = {str(r) for r in four.merged_cells.ranges}
    assert {"A3:E3", "F3:O3", "A4:A5", "F4:J4", "K4:O4"} <= merged
    assert [four.cell(6, c).value for c in range(1, 16)] == [
        2,
        1,
        0,
        1,
        4,
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        1,
    ]
    assert book["报告正文"]["A3"].value.startswith("2025年，长河市教育局")


def test_published_page_renders_sections_and_accessible_tables(
    report, django_assert_max_num_queries
):
    page = publish(report)
    client = host_client(DEPARTMENT_HOST)
    url = f"/zwgk/gknb/{YEAR}/"
    assert page.full_url == f"http://{DEPARTMENT_HOST}{url}"
    client.get(url)
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"):  # fmt: skip
        assert f">{heading}</h2>" in body
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in body
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in body
    row = re.search(
        r'<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>(.*?)</tr>', body, re.S
    )
    assert re.findall(r'<td class="num">(\d+)</td>', row.group(1)) == [
        "2",
        "2",
        "1",
        "1",
        "1",
        "1",
        "8",
    ]
    assert '<meta name="ColumnType" content="信息公开年报">' in body
    # Listed in the 公开年报 column, and the XLSX is downloadable from the page.
    assert page.title in client.get("/zwgk/gknb/").content.decode()
    xlsx = client.get(url + "xlsx/")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    assert load_workbook(io.BytesIO(xlsx.content))["三、依申请公开"]["J6"].value == 8


def test_figures_are_frozen_once_published(report, seeded_cases, cluster):

    publish(report)
    add_case(
        cluster.department, ApplicantType.NATURAL_PERSON, __import__("datetime").date(2025, 8, 1)
    )
    again = generate(report.organisation, YEAR)
    assert again.table_three_data["cells"]["new"]["total"] == 8


def test_draft_is_not_public(report):
    assert host_client(DEPARTMENT_HOST).get(f"/zwgk/gknb/{YEAR}/").status_code == 404


def test_page_explorer_unpublish_and_republish_follow_the_report(report):
    page = publish(report)
    page.unpublish()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    page.refresh_from_db()
    page.save_revision().publish()
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    # A report that no longer passes its checks is refused, not published and taken down.
    page.refresh_from_db()
    page.unpublish()
    AnnualReport.objects.filter(pk=report.pk).update(overview="")
    page.refresh_from_db()
    with pytest.raises(ValidationError, match="发布前请填写“一、总体情况”"):
        page.save_revision().publish()
    page.refresh_from_db()
    report.refresh_from_db()
    assert not page.live and report.status == ReportStatus.DRAFT
