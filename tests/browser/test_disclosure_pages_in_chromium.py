"""The public pages of the disclosure platform, 依申请公开, the annual report and search in a real
Chromium: axe-core finds no serious or critical WCAG problems in normal and elderly mode (适老化) on
a disclosure with its 信息索引 box, its interpretation, the 公开指南, the annual report, the site and
cluster catalogues, search results, and the request form (blank, with errors, submitted) and the
status lookup (blank and showing the case)."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from pypdf import PdfWriter
from wagtail.documents.models import Document

from cms.disclosure.models import (
    DisclosureAttachment,
    GuidePage,
    InterpretationPage,
    InterpretedPolicy,
)
from cms.reports.generation import generate, publish
from search import indexing
from tests.browser.axe import (
    BROWSER_TEST_MARKS,
    MOBILE_WIDTH,
    axe_violations,
    describe,
    html_classes,
    root_font_px,
    switch_to_elderly_mode,
)
from tests.browser.conftest import host_url, page_path
from tests.cms.requests.conftest import applicant_data
from tests.conftest import CITY_HOST, COUNTY_A_HOST, Cluster

pytestmark = BROWSER_TEST_MARKS

# Pages checked together share one browser: a launch and a fresh cluster cost ~3-4 s per test, so
# two groups (document pages, list pages) keep the file well under a minute.
PAGE_GROUPS = {
    "documents": ["disclosure", "interpretation", "guide", "annual_report"],
    "lists": ["catalogue", "cluster_catalogue", "search"],
}
# Elements each page must show, so axe never passes an empty or wrong page.
PAGE_CONTENT = {
    "disclosure": ("table.disclosure-index", ".attachments a", ".interpretations a"),
    "interpretation": (".related-list.policies a",),
    "guide": ("table.contact-table",),
    "catalogue": (".catalogue-filters select", ".catalogue-table tbody a", ".validity-tag"),
    "cluster_catalogue": (".catalogue-table tbody a", ".catalogue-scope a"),
    "annual_report": ("table.report-table th[scope='rowgroup']", "table.report-table td.num"),
    "search": (".search-result h3 a mark", ".search-facets a"),
}
REPORT_YEAR = 2025
SEARCH_TERMS = "营商环境"


def blank_pdf() -> bytes:
    """A real one-page PDF (search extracts attachment text and logs what it cannot read)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def gi_pages(live_server, cluster: Cluster, orgs, make_disclosure) -> dict[str, str]:
    """Publish disclosures on three sites, a policy interpretation, an annual report and the
    search index; return the URLs (on the live server) of the pages to check, by name."""
    county = cluster.county_a
    policy = make_disclosure(
        cluster.column(county, "fgwj"),
        orgs["county_a"],
        title="安宁县关于进一步优化营商环境的若干措施",
        document_number="安政发[2026]12号",
        genre="意见",
        summary="从市场准入、政务服务、要素保障等方面提出20条措施，持续优化营商环境。",
        keywords="营商环境,政务服务",
        body=(
            "<p>各乡镇人民政府，县政府各部门：为持续优化营商环境，现提出以下措施。</p>"
            "<h2>一、提升政务服务效能</h2><p>推行“一网通办”，企业开办时间压缩至1个工作日。</p>"
        ),
    )
    document = Document(title="安宁县优化营商环境措施任务分工表")
    document.file.save("rwfg.pdf", ContentFile(blank_pdf()), save=False)
    document.save()
    DisclosureAttachment.objects.create(page=policy, document=document, title="任务分工表")
    make_disclosure(
        cluster.column(county, "fgwj"),
        orgs["county_a"],
        title="安宁县招商引资优惠政策（2020年版）",
        document_number="安政发〔2020〕3号",
        written_date=dt.date(2020, 4, 1),
        validity="废止",
        repeal_date=dt.date(2026, 3, 2),
    )
    make_disclosure(
        cluster.column(county, "zcwj"),
        orgs["county_a_edu"],
        title="安宁县教育局关于做好2026年义务教育阶段招生入学工作的通知",
        category="fgwj",
    )
    make_disclosure(
        cluster.column(cluster.county_b, "fgwj"),
        orgs["county_b"],
        title="清源县优化营商环境三年行动方案",
    )
    make_disclosure(
        cluster.column(cluster.city, "fgwj"),
        orgs["city"],
        title="长河市营商环境评价实施办法",
        document_number="长政办发〔2026〕7号",
    )

    interpretation = InterpretationPage(
        title="《安宁县关于进一步优化营商环境的若干措施》政策解读",
        slug="yshj-jd",
        organisation=orgs["county_a"],
        summary="围绕市场准入、政务服务、要素保障三个方面解读主要措施。",
        body="<p>一、出台背景。为贯彻落实上级部署，进一步激发市场主体活力，制定本措施。</p>",
        live=True,
        first_published_at=policy.first_published_at,
    )
    interpretation.interpreted_policies = [InterpretedPolicy(policy=policy)]
    cluster.column(county, "zcjd").add_child(instance=interpretation)
    guide = GuidePage.objects.descendant_of(county.site.root_page).get(slug="zfxxgkzn")

    report = generate(orgs["county_a"], REPORT_YEAR)
    report.overview = f"{REPORT_YEAR}年，安宁县人民政府深入推进政务公开，主动公开政府信息。"
    report.problems = "政策解读形式不够丰富，将增加图文解读和视频解读。"
    report.other_matters = "本年度未收取信息处理费。"
    report.save()
    report_page = publish(report)

    indexing.rebuild()

    def county_url(path: str) -> str:
        return host_url(live_server, COUNTY_A_HOST, path)

    return {
        "disclosure": county_url(page_path(policy)),
        "interpretation": county_url(page_path(interpretation)),
        "guide": county_url(page_path(guide)),
        "catalogue": county_url("/gkml/"),
        "cluster_catalogue": host_url(live_server, CITY_HOST, "/gkml/?scope=cluster"),
        "annual_report": county_url(page_path(report_page)),
        "search": county_url("/search/?" + urlencode({"q": SEARCH_TERMS})),
    }


def assert_shows(page, name: str) -> None:
    for selector in PAGE_CONTENT[name]:
        assert page.locator(selector).count(), f"{name}: 页面上没有 {selector}"


def assert_passes_axe(page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{label}:\n{describe(violations)}"


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_pages_pass_axe_in_normal_and_elderly_mode(new_page, gi_pages, group):
    page = new_page()
    names = PAGE_GROUPS[group]
    for name in names:
        response = page.goto(gi_pages[name])
        assert response is not None and response.status == 200, name
        assert_shows(page, name)
        assert "elderly-mode" not in html_classes(page)
        assert_passes_axe(page, f"{name} (normal)")

    # The mode is kept per site in a cookie: switch on the first page of each site.
    for name in names:
        url = gi_pages[name]
        page.goto(url)
        if "elderly-mode" not in html_classes(page):
            switch_to_elderly_mode(page)
            assert page.url == url  # the toggle returns to the page it was clicked on
        assert root_font_px(page) >= 20
        assert_shows(page, name)
        assert_passes_axe(page, f"{name} (elderly)")

    # Phones, in the larger elderly type: wide tables scroll inside their own box, never the page.
    page.set_viewport_size({"width": MOBILE_WIDTH, "height": 800})
    for name in names:
        page.goto(gi_pages[name])
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px horizontal scroll at {MOBILE_WIDTH}px"


def fill_request_form(page, data: dict[str, str]) -> None:
    """Type `data` (field name -> value, as posted) into the form the way an applicant would."""
    for name, value in data.items():
        if not value:
            continue
        kind = page.locator(f"[name='{name}']").first.evaluate("(el) => el.type")
        if kind == "radio":
            page.check(f"input[name='{name}'][value='{value}']")
        elif kind.startswith("select"):
            page.select_option(f"select[name='{name}']", value)
        else:
            page.fill(f"[name='{name}']", value)


def submit(page) -> None:
    with page.expect_navigation():
        page.click("main button[type='submit']")


def test_request_form_receipt_and_status_pass_axe(new_page, live_server, cluster):
    """The 依申请公开 pages in every state an applicant sees: blank and with errors, the receipt
    with its tracking code, and the status lookup before and after; in both modes."""
    cache.clear()  # fresh rate-limit counters: this test posts three requests and two lookups
    form_url = host_url(live_server, COUNTY_A_HOST, "/yisqgk/")
    status_url = host_url(live_server, COUNTY_A_HOST, "/yisqgk/status/")
    data = applicant_data()
    page = new_page()

    page.goto(form_url)
    assert_passes_axe(page, "request_form (normal)")
    submit(page)  # nothing filled in: every required field says what is missing
    assert page.locator(".gi-field.has-error").count() >= 3
    assert_passes_axe(page, "request_form with errors (normal)")
    fill_request_form(page, data)
    submit(page)
    assert page.url.endswith("/yisqgk/submitted/")
    code = page.text_content("#gi-code").strip()
    assert code
    assert_passes_axe(page, "submitted (normal)")

    page.goto(status_url)
    assert_passes_axe(page, "request_status (normal)")
    page.fill("[name='tracking_code']", code)
    page.fill("[name='phone']", data["phone"])
    submit(page)
    assert code in page.text_content(".gi-summary")
    assert_passes_axe(page, "request_status with a case (normal)")

    switch_to_elderly_mode(page)  # back on the (blank) status page
    assert root_font_px(page) >= 20
    assert_passes_axe(page, "request_status (elderly)")
    page.fill("[name='tracking_code']", code)
    page.fill("[name='phone']", data["phone"])
    submit(page)
    assert code in page.text_content(".gi-summary")
    assert_passes_axe(page, "request_status with a case (elderly)")

    page.goto(form_url)
    assert "elderly-mode" in html_classes(page)
    assert_passes_axe(page, "request_form (elderly)")
    submit(page)
    assert page.locator(".gi-field.has-error").count() >= 3
    assert_passes_axe(page, "request_form with errors (elderly)")
    page.goto(host_url(live_server, COUNTY_A_HOST, "/yisqgk/submitted/"))  # code in the session
    assert page.text_content("#gi-code").strip() == code
    assert_passes_axe(page, "submitted (elderly)")
