"""Each agency reports for itself (条例 第四条, 第四十九条): `generate_annual_report --org
长河市财政局` produces the finance bureau's report from the cases it answers, the city
government's table 三 counts only its own cases, both publish into the city portal's 公开年报
column at different addresses, and a report that fails its checks is refused with the reason
when an editor publishes its page from the page editor (it used to be published and silently
taken down again)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from cms.reports.generation import generate, publish
from cms.reports.models import AnnualReport, AnnualReportPage, ReportStatus
from cms.requests.table_three import ApplicantType as A
from cms.requests.table_three import ReplyType as R
from tests.cms.reports.conftest import CONSISTENT_TABLE_FOUR, YEAR, add_case
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def city_cases(cluster, orgs):
    finance, gov = orgs["city_finance"], orgs["city"]
    add_case(
        cluster.city,
        A.NATURAL_PERSON,
        D(2025, 3, 1),
        D(2025, 3, 5),
        R.DISCLOSED,
        organisation=finance,
    )
    add_case(cluster.city, A.COMMERCIAL, D(2025, 4, 1), None, "", organisation=finance)
    add_case(
        cluster.city, A.NATURAL_PERSON, D(2025, 5, 6), D(2025, 5, 9), R.DISCLOSED, organisation=gov
    )
    # Filed before the site had agencies: falls to the site's own agency.
    add_case(cluster.city, A.RESEARCH, D(2025, 6, 2), D(2025, 6, 9), R.PARTLY_DISCLOSED)


def run(*args) -> str:
    out = StringIO()
    call_command("generate_annual_report", *args, stdout=out)
    return out.getvalue()


def test_command_generates_the_finance_bureaus_own_report(orgs, city_cases):
    output = run("--org", "长河市财政局", "--year", str(YEAR))
    assert "长河市财政局2025年政府信息公开工作年度报告：草稿，校验通过" in output
    finance = AnnualReport.objects.get(organisation=orgs["city_finance"]).table_three_data["cells"]
    assert (
        finance["new"]["total"],
        finance["results_total"]["total"],
        finance["carried_out"]["total"],
    ) == (2, 1, 1)
    assert finance["new"]["commercial"] == 1


def test_city_governments_table_three_counts_only_its_own_cases(orgs, city_cases):
    run("--org", "长河市人民政府", "--year", str(YEAR))
    cells = AnnualReport.objects.get(organisation=orgs["city"]).table_three_data["cells"]
    assert cells["new"]["total"] == 2  # its own case and the unassigned one, not the bureau's
    assert cells["new"]["commercial"] == 0
    assert cells[R.PARTLY_DISCLOSED]["research"] == 1


def ready(report: AnnualReport) -> AnnualReport:
    for name, value in CONSISTENT_TABLE_FOUR.items():
        setattr(report, name, value)
    report.overview = f"{report.year}年，本机关深入推进政务公开。"
    report.save()
    return report


def test_agency_reports_publish_in_the_host_sites_column_without_colliding(
    cluster, orgs, city_cases
):
    gov = publish(ready(generate(orgs["city"], YEAR)))
    finance = publish(ready(generate(orgs["city_finance"], YEAR)))
    gov_url = f"/zwgk/gknb/{YEAR}/"
    finance_url = f"/zwgk/gknb/{YEAR}-{orgs['city_finance'].credit_code.lower()}/"
    assert gov.full_url == f"http://{CITY_HOST}{gov_url}"
    assert finance.full_url == f"http://{CITY_HOST}{finance_url}"
    client = host_client(CITY_HOST)
    assert "长河市财政局2025年" in client.get(finance_url).content.decode()
    assert "长河市人民政府2025年" in client.get(gov_url).content.decode()
    column = client.get("/zwgk/gknb/").content.decode()
    assert gov.title in column and finance.title in column
    assert set(AnnualReport.objects.values_list("status", flat=True)) == {ReportStatus.PUBLISHED}
    # Both pages have a published revision (no live add_child).
    assert all(page.live_revision_id for page in AnnualReportPage.objects.all())


def test_publishing_a_failing_report_from_the_page_editor_is_refused_with_the_reason(
    cluster, orgs, city_cases, make_user
):
    report = publish(ready(generate(orgs["city"], YEAR))).report
    page = AnnualReportPage.objects.get(report=report)
    page.unpublish()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    AnnualReport.objects.filter(pk=report.pk).update(overview="", review_total=9)
    moderator = make_user("city_head", groups=[cluster.city.moderators_group])
    client = host_client(CITY_HOST, moderator)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "action-publish": "publish"},
        follow=True,
    )
    body = response.content.decode()
    assert "未通过校验，未发布" in body
    assert "发布前请填写“一、总体情况”" in body
    assert "表四 行政复议 总计（9）" in body
    page.refresh_from_db()
    report.refresh_from_db()
    assert not page.live and report.status == ReportStatus.DRAFT
    # Once fixed, the same button publishes it, and the report follows its page.
    AnnualReport.objects.filter(pk=report.pk).update(overview="总体情况。", review_total=4)
    client.post(f"/admin/pages/{page.pk}/edit/", {"title": page.title, "action-publish": "publish"})
    page.refresh_from_db()
    report.refresh_from_db()
    assert page.live and report.status == ReportStatus.PUBLISHED


def test_a_department_hosted_on_the_city_portal_reports_by_the_departments_date(orgs):
    gov = AnnualReport.objects.create(organisation=orgs["city"], year=YEAR)
    finance = AnnualReport.objects.create(organisation=orgs["city_finance"], year=YEAR)
    assert gov.deadline == D(2026, 3, 31)  # 条例 第四十九条: governments by 31 March
    assert finance.deadline == D(2026, 1, 31)  # departments by 31 January
