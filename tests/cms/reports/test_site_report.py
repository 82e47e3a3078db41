"""The 政府网站工作年度报表 (国办函〔2018〕12号): figures counted from the site's data, staff entries in
the scoped admin, publication in the 政务公开 column, the command, and the audit's 31 January check."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.core.publishing import publish_page
from cms.interaction import workflow
from cms.interaction.models import Message, Status
from cms.reports.site_generation import generate, publish
from cms.reports.site_models import SiteAnnualReport, SiteAnnualReportPage
from fixtures.factories import ArticlePageFactory
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db
YEAR = 2025


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def article(column, slug: str, day: dt.date):
    page = ArticlePageFactory.build(title=f"动态{slug}", slug=slug, live=False)
    return publish_page(page, parent=column, first_published_at=at(day))


def message(site, received: dt.date, answered: dt.date | None = None, public: bool = True):
    m = Message(
        site=site,
        kind="consult",
        name="赵敏",
        phone="13900000001",
        subject="路灯不亮",
        content="村口的路灯已经坏了一个多月。",
        is_public=public,
    )
    m = workflow.submit(m, now=at(received))
    if answered:
        Message.objects.filter(pk=m.pk).update(status=Status.ANSWERED, answered_at=at(answered))
    return m


@pytest.fixture
def county_a_data(cluster, orgs, make_disclosure):
    news = cluster.column(cluster.county_a, "gzdt")
    article(news, "a1", dt.date(2025, 3, 2))
    article(news, "a2", dt.date(2025, 11, 20))
    article(news, "old", dt.date(2024, 12, 31))  # previous year: not counted
    article(cluster.column(cluster.county_b, "gzdt"), "b1", dt.date(2025, 5, 5))  # other site
    make_disclosure(
        cluster.column(cluster.county_a, "fgwj"),
        orgs["county_a"],
        first_published_at=at(dt.date(2025, 6, 1)),
        written_date=dt.date(2025, 5, 20),
    )
    # Received Mon 2025-03-03, answered Mon 03-10 (5 WD) and Wed 03-05 (2 WD); one open.
    message(cluster.county_a, dt.date(2025, 3, 3), dt.date(2025, 3, 10))
    message(cluster.county_a, dt.date(2025, 3, 3), dt.date(2025, 3, 5), public=False)
    message(cluster.county_a, dt.date(2025, 12, 1))
    message(cluster.county_a, dt.date(2026, 1, 5), dt.date(2026, 1, 6))  # next year


def test_generate_counts_the_sites_own_figures(cluster, county_a_data):
    report = generate(cluster.county_a, YEAR)
    c = report.computed
    assert (c["info_total"], c["info_news"], c["info_catalogue"]) == (3, 2, 1)
    assert c["info_overview"] == 0
    assert (c["messages_received"], c["messages_answered"], c["messages_public"]) == (3, 2, 1)
    assert c["messages_average_workdays"] == 3.5
    assert c["site_name"] == "安宁县人民政府门户网站" and c["site_type"] == "政府门户网站"
    assert c["site_code"] == "6109210001" and c["home_url"] == f"https://{COUNTY_A_HOST}/"
    assert report.filing_unit == cluster.county_a.sponsor
    assert report.status == "draft"
    rows = dict(row for _heading, rows in report.sections() for row in rows)
    assert rows["政务动态信息更新量"] == "2" and rows["是否有移动新媒体"] == "否"
    assert generate(cluster.department, YEAR).computed["site_type"] == "部门网站"


def test_generate_refuses_a_year_not_yet_over(cluster):
    with pytest.raises(Exception, match="报告年度应为已经结束的年度"):
        generate(cluster.county_a, timezone.localdate().year)


def test_publish_needs_the_filing_block_then_goes_into_the_gi_column(cluster, county_a_data):
    from cms.reports.generation import ReportError

    report = generate(cluster.county_a, YEAR)
    with pytest.raises(ReportError) as refused:
        publish(report)
    assert "发布前请填写“填报人”" in refused.value.messages
    SiteAnnualReport.objects.filter(pk=report.pk).update(
        filler="李明", filing_date=dt.date(2026, 1, 20), unique_visitors=12345, smart_qa=True
    )
    page = publish(report)
    report.refresh_from_db()
    assert report.is_published and report.published_at is not None
    assert page.url_path.endswith("/zwgk/wzndbb-2025/")
    html = host_client(COUNTY_A_HOST).get("/zwgk/wzndbb-2025/").content.decode()
    assert "安宁县人民政府门户网站2025年度工作报表" in html
    assert "12345" in html and "李明" in html and "国办函〔2018〕12号" in html
    assert '<meta name="ArticleTitle"' in html
    # Frozen: later messages no longer change the published figures.
    message(cluster.county_a, dt.date(2025, 12, 2))
    assert generate(cluster.county_a, YEAR).computed["messages_received"] == 3


def test_audit_sees_the_site_report_after_31_january(cluster, county_a_data, settings):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""

    def missing(day):
        site = run_audit([cluster.county_a], day).sites[0]
        return [f for f in site.findings if f.rule == R.SITE_REPORT_MISSING]

    assert missing(dt.date(2026, 1, 31)) == []
    [finding] = missing(dt.date(2026, 2, 1))
    assert finding.severity == R.Severity.DEDUCTION and "2025年度" in finding.title
    assert finding.admin_url == "/admin/site_reports/"
    report = generate(cluster.county_a, YEAR)
    SiteAnnualReport.objects.filter(pk=report.pk).update(
        filler="李明", filing_date=dt.date(2026, 1, 9)
    )
    publish(report)
    assert missing(dt.date(2026, 2, 1)) == []
    SiteAnnualReportPage.objects.get(report=report).unpublish()
    assert len(missing(dt.date(2026, 2, 1))) == 1


def test_admin_is_scoped_to_the_users_sites(cluster, county_a_data, make_user):
    own = generate(cluster.county_a, YEAR)
    other = generate(cluster.county_b, YEAR)
    moderator = make_user("anning_mod", groups=[cluster.county_a.moderators_group])
    client = host_client(CITY_HOST, moderator)
    index = client.get("/admin/site_reports/").content.decode()
    assert own.title in index and other.title not in index
    assert client.get(f"/admin/site_reports/inspect/{other.pk}/").status_code == 404
    assert client.get(f"/admin/site_reports/edit/{other.pk}/").status_code == 404
    assert client.post(f"/admin/site_reports/publish/{other.pk}/").status_code == 404
    inspect = client.get(f"/admin/site_reports/inspect/{own.pk}/")
    assert inspect.status_code == 200 and "发布前请填写" in inspect.content.decode()
    form = client.get(f"/admin/site_reports/edit/{own.pk}/")
    assert form.status_code == 200
    response = client.post(
        f"/admin/site_reports/edit/{own.pk}/",
        {
            **{k: "0" for k in ("unique_visitors", "total_visits", "interpretation_products")},
            **{
                k: "0"
                for k in [
                    "media_comments",
                    "hot_responses",
                    "registered_users",
                    "online_service_items",
                    "cases_individual",
                    "cases_legal",
                    "security_assessments",
                    "security_problems",
                    "security_fixed",
                    "weibo_posts",
                    "weibo_followers",
                    "wechat_posts",
                    "wechat_subscribers",
                ]
            },
            "filing_unit": "安宁县人民政府办公室",
            "filler": "李明",
            "phone": "0917-5210001",
            "filing_date": "2026-01-20",
            "wechat_name": "安宁发布",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert own.wechat_name == "安宁发布" and own.filler == "李明"
    published = client.post(f"/admin/site_reports/publish/{own.pk}/")
    assert published.status_code == 302
    own.refresh_from_db()
    assert own.is_published
    # Another site's staff: no create for a foreign site.
    add = client.get("/admin/site_reports/new/").content.decode()
    assert cluster.county_b.canonical_name not in add


def test_command_generates_prints_and_publishes(cluster, county_a_data):
    out = io.StringIO()
    call_command("generate_site_report", "--site", COUNTY_A_HOST, "--year", "2025", stdout=out)
    text = out.getvalue()
    assert "安宁县人民政府门户网站2025年度工作报表（草稿）" in text
    assert "留言办理 收到留言数量（条）：3" in text
    with pytest.raises(CommandError) as refused:
        call_command("generate_site_report", "--site", COUNTY_A_HOST, "--year", "2025", "--publish")
    assert "填报人" in str(refused.value) and "\n" not in str(refused.value)
    with pytest.raises(CommandError) as unknown:
        call_command("generate_site_report", "--site", "nowhere.localhost", "--year", "2025")
    assert str(unknown.value) == "没有主机名为“nowhere.localhost”的网站。"


def test_participation_and_special_columns_are_counted_by_year(cluster):
    from cms.pages.models import ColumnPage
    from cms.participation.models import (
        ConsultationPage,
        ConsultationResponse,
        InterviewGuest,
        InterviewPage,
        InterviewQuestion,
    )
    from tests.cms.participation.conftest import survey_questions

    board = cluster.column(cluster.county_a, "hdjl")
    consultation = ConsultationPage(
        title="民生实事项目问卷调查",
        slug="zj-2025",
        intro="<p>现面向社会公开征集意见。</p>",
        opens_at=at(dt.date(2025, 4, 1)),
        closes_at=at(dt.date(2025, 4, 30)),
        live=False,
    )
    consultation.questions = survey_questions()
    board.add_child(instance=consultation)
    consultation.save_revision().publish()
    for key in ("k1", "k2"):
        ConsultationResponse.objects.create(
            page=consultation, site=cluster.county_a, respondent_key=key
        )
    interview = InterviewPage(
        title="优化营商环境在线访谈",
        slug="ft-2025",
        starts_at=at(dt.date(2025, 6, 1)),
        ends_at=at(dt.date(2025, 6, 1), 12),
        transcript="<p>主持人：欢迎各位网友。</p>",
        live=False,
    )
    interview.guests = [InterviewGuest(name="陈志远", position="安宁县副县长")]
    board.add_child(instance=interview)
    interview.save_revision().publish()
    InterviewQuestion.objects.create(page=interview, site=cluster.county_a, content="问一")
    InterviewQuestion.objects.create(
        page=interview, site=cluster.county_a, content="问二", answer="答二"
    )
    # A column of the site's own (专栏专题), opened now, with content from 2025.
    special = publish_page(
        ColumnPage(
            title="乡村振兴专题",
            slug="xczx",
            column_type="工作动态",
            description="乡村振兴工作专题。",
            keywords="乡村振兴",
        ),
        parent=cluster.county_a.site.root_page,
    )
    article(special, "zt1", dt.date(2025, 8, 8))

    c = generate(cluster.county_a, YEAR).computed
    assert (c["consultations"], c["consultation_opinions"], c["consultation_results"]) == (1, 2, 1)
    assert (c["interviews"], c["interview_questions"], c["interview_answers"]) == (1, 2, 1)
    assert (c["special_maintained"], c["special_new"]) == (1, 0)
    assert generate(cluster.county_a, 2024).computed["consultations"] == 0
