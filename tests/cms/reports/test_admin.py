"""The 年度报告 admin over HTTP: entering figures (an inconsistent entry is refused with the cell
named, nothing saved), site scoping, the preview with the three tables, publishing into the 公开年报
column, and the XLSX download."""

import pytest

from cms.reports.models import AnnualReport, AnnualReportPage, ReportStatus
from tests.cms.reports.conftest import CONSISTENT_TABLE_FOUR, YEAR
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
BASE = "/admin/annual_reports/"


@pytest.fixture
def staff(cluster, make_user):
    return {
        "dept_editor": make_user("dept_editor", groups=[cluster.department.editors_group]),
        "dept_head": make_user("dept_head", groups=[cluster.department.moderators_group]),
        "county_editor": make_user("county_editor", groups=[cluster.county_a.editors_group]),
        "root": make_user("root", superuser=True),
    }


def admin(user):
    return host_client(CITY_HOST, user)


def form_data(organisation, **overrides) -> dict:
    data = {
        "organisation": organisation.pk,
        "year": YEAR,
        "licensing_decisions": 120,
        "penalty_decisions": 8,
        "enforcement_decisions": 0,
        "fees_amount": "12.5",
        "overview": "2025年，本机关认真贯彻落实《政府信息公开条例》。",
        "problems": "",
        "other_matters": "本年度未收取信息处理费。",
    }
    for proceeding in ("review", "litigation_direct", "litigation_after_review"):
        for result in ("upheld", "corrected", "other", "pending", "total"):
            data[f"{proceeding}_{result}"] = 0
    data.update(CONSISTENT_TABLE_FOUR)
    data.update(overrides)
    return data


def test_inconsistent_table_four_is_refused_naming_the_cell(orgs, staff):
    data = form_data(orgs["department"], review_other=2, review_total=5)  # 2+1+2+1 = 6
    response = admin(staff["dept_editor"]).post(BASE + "new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "表四 行政复议 总计（5）应等于结果维持、结果纠正、其他结果、尚未审结之和（6）" in body
    assert not AnnualReport.objects.exists()


def test_negative_figure_is_refused_naming_the_cell(orgs, staff):
    data = form_data(orgs["department"], penalty_decisions=-3)
    body = admin(staff["dept_editor"]).post(BASE + "new/", data).content.decode()
    assert "表二 行政处罚 本年处理决定数量：" in body
    assert not AnnualReport.objects.exists()


def test_consistent_entry_is_saved_and_counted(orgs, staff, seeded_cases):
    client = admin(staff["dept_editor"])
    response = client.post(BASE + "new/", form_data(orgs["department"]))
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}inspect/{report.pk}/"
    assert report.review_total == 4 and report.status == ReportStatus.DRAFT
    assert report.table_three_data["cells"]["new"]["total"] == 8  # counted on save
    body = client.get(response["Location"]).content.decode()
    assert (
        "三、收到和处理政府信息公开申请情况" in body
        and "四、政府信息公开行政复议、行政诉讼情况" in body
    )
    # Editing later keeps the check: breaking a total is refused and the stored figures stay.
    edit = form_data(orgs["department"], litigation_direct_total=3)
    body = client.post(f"{BASE}edit/{report.pk}/", edit).content.decode()
    assert (
        "表四 行政诉讼（未经复议直接起诉） 总计（3）应等于结果维持、结果纠正、其他结果、尚未审结之和（1）"
        in body
    )
    report.refresh_from_db()
    assert report.litigation_direct_total == 1


def test_every_agency_on_the_site_reports_for_itself(orgs, staff, make_user, cluster):
    # 条例 第四十九条: 长河市财政局, hosted on the city portal, has a report of its own.
    user = make_user("city_editor", groups=[cluster.city.editors_group])
    body = admin(user).get(BASE + "new/").content.decode()
    choices = body.split('name="organisation"')[1].split("</select>")[0]
    assert "长河市财政局" in choices and cluster.city.sponsor in choices
    assert "长河市教育局" not in choices  # another site's agency
    response = admin(user).post(BASE + "new/", form_data(orgs["city_finance"]))
    assert response.status_code == 302
    assert AnnualReport.objects.get().organisation == orgs["city_finance"]


def test_staff_see_only_their_sites_reports(orgs, staff):
    mine = AnnualReport.objects.create(organisation=orgs["department"], year=YEAR)
    theirs = AnnualReport.objects.create(organisation=orgs["county_a"], year=YEAR)
    body = admin(staff["dept_editor"]).get(BASE).content.decode()
    assert mine.title in body and theirs.title not in body
    client = admin(staff["dept_editor"])
    assert client.get(f"{BASE}edit/{theirs.pk}/").status_code == 404
    assert client.get(f"{BASE}inspect/{theirs.pk}/").status_code in {302, 404}
    assert client.get(f"{BASE}xlsx/{theirs.pk}/").status_code == 404
    assert client.post(f"{BASE}publish/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ReportStatus.DRAFT
    root_body = admin(staff["root"]).get(BASE).content.decode()
    assert mine.title in root_body and theirs.title in root_body


def test_publish_from_admin_puts_the_page_in_the_annual_report_column(
    cluster, orgs, staff, seeded_cases
):
    admin(staff["dept_editor"]).post(BASE + "new/", form_data(orgs["department"]))
    report = AnnualReport.objects.get()
    # Editors prepare; like any page of the site, only its moderators publish.
    refused = admin(staff["dept_editor"]).post(f"{BASE}publish/{report.pk}/", follow=True)
    assert "请由本网站审核人员发布" in refused.content.decode()
    assert not AnnualReportPage.objects.exists()
    client = admin(staff["dept_head"])
    assert client.post(f"{BASE}publish/{report.pk}/").status_code == 302
    report.refresh_from_db()
    page = AnnualReportPage.objects.get(report=report)
    assert report.status == ReportStatus.PUBLISHED and page.live
    assert page.get_parent().specific.slug == "gknb"
    # Published figures are frozen: the edit screen sends staff back to the preview.
    assert client.get(f"{BASE}edit/{report.pk}/")["Location"] == f"{BASE}inspect/{report.pk}/"
    # Withdrawing takes the page off the site.
    client.post(f"{BASE}unpublish/{report.pk}/")
    page.refresh_from_db()
    report.refresh_from_db()
    assert not page.live and report.status == ReportStatus.DRAFT


def test_publish_without_overview_is_refused(orgs, staff):
    client = admin(staff["dept_head"])
    client.post(BASE + "new/", form_data(orgs["department"], overview=""))
    report = AnnualReport.objects.get()
    response = client.post(f"{BASE}publish/{report.pk}/", follow=True)
    assert "发布前请填写“一、总体情况”" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not AnnualReportPage.objects.exists()


def test_xlsx_download_from_admin(orgs, staff):
    report = AnnualReport.objects.create(organisation=orgs["department"], year=YEAR)
    response = admin(staff["dept_editor"]).get(f"{BASE}xlsx/{report.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
