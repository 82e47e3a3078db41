"""Meta tags and footer identity are checked on pages as rendered, not inferred from the models."""

import datetime as dt

import pytest

from cms.audit import rules as R
from cms.audit.data import SiteData
from cms.audit.engine import run_audit
from cms.audit.rendered import RenderedPage, SiteIdentity, check_rendered_page

pytestmark = pytest.mark.django_db
SITE = SiteData(1, "安宁县人民政府门户网站", "anning.localhost", "county", 10, None)
IDENTITY = SiteIdentity("6109210001", "安宁县人民政府办公室", "长ICP备1号", "长公网安备 1号", True)
FOOTER = (
    '<footer><a href="https://bszs.conac.cn/"><img alt="党政机关网站标识"></a>'
    "<span>主办单位：安宁县人民政府办公室</span><span>联系电话：0917-1</span>"
    '<span>网站标识码：6109210001</span><a href="https://beian.miit.gov.cn/">长ICP备1号</a>'
    '<a href="https://beian.mps.gov.cn/#/query">长公网安备 1号</a></footer>'
)
HOME_META = "".join(
    f'<meta name="{name}" content="x">' for name in (*R.META_EVERY_PAGE, *R.META_COLUMN_PAGE)
)


def page(html, kind="home", status=200):
    return RenderedPage(10, kind, status, f"<html><head>{html}</head><body>", "首页")


def test_complete_page_has_no_finding():
    assert check_rendered_page(SITE, IDENTITY, page(HOME_META + FOOTER)) == []


def test_missing_or_empty_meta_is_named():
    html = HOME_META.replace(
        'name="ColumnKeywords" content="x"', 'name="ColumnKeywords" content=""'
    )
    html = html.replace('<meta name="SiteIDCode" content="x">', "")
    [finding] = check_rendered_page(SITE, IDENTITY, page(html + FOOTER))
    assert finding.rule == R.PAGE_META_MISSING
    assert finding.explanation == "页面缺少或为空的元数据：SiteIDCode、ColumnKeywords。"


def test_article_needs_its_own_meta():
    [finding] = check_rendered_page(SITE, IDENTITY, page(HOME_META + FOOTER, kind="article"))
    assert "ArticleTitle、PubDate、ContentSource" in finding.explanation


def test_footer_items_are_read_from_the_footer_only():
    footer = FOOTER.replace("https://beian.mps.gov.cn/#/query", "/elsewhere/")
    outside = '<a href="https://beian.mps.gov.cn/">公安备案</a>'
    [finding] = check_rendered_page(SITE, IDENTITY, page(HOME_META + outside + footer))
    assert finding.rule == R.FOOTER_IDENTITY_MISSING
    assert finding.explanation.startswith("页面底部缺少：公安机关备案号")


def test_page_that_does_not_render_is_a_finding():
    [finding] = check_rendered_page(SITE, IDENTITY, page("", status=500))
    assert finding.rule == R.PAGE_RENDER_FAILED and "HTTP 500" in finding.explanation


def test_rendered_cluster_pages_report_missing_identity(cluster):
    result = run_audit(None, dt.date(2026, 6, 15), rendered=True)
    by_host = {s.site.hostname: s for s in result.sites}
    city = [f for f in by_host["www.localhost"].findings if f.rule == R.FOOTER_IDENTITY_MISSING]
    assert city == []  # the city fixture has every identity item
    [county_b] = [
        f for f in by_host["qingyuan.localhost"].findings if f.rule == R.FOOTER_IDENTITY_MISSING
    ]
    assert "公安机关备案号" in county_b.explanation and "联系方式" in county_b.explanation
    assert (
        county_b.admin_url == f"/admin/site_profiles/edit/{by_host['qingyuan.localhost'].site.id}/"
    )
    assert not any(f.rule == R.PAGE_RENDER_FAILED for s in result.sites for f in s.findings)
