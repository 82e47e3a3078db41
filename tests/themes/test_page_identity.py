"""Every page kind carries the meta tags of STANDARDS.md §3 and the footer identity items."""

import datetime as dt
import re
import zoneinfo

import pytest

from cms.sharing.models import SharingPolicy
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnType", "ColumnDescription", "ColumnKeywords")
ARTICLE_TAGS = ("ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource")


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))


def assert_footer(html: str, profile) -> None:
    assert "党政机关网站标识" in html
    assert f"网站标识码：{profile.site_code}" in html
    assert f"主办单位：{profile.sponsor}" in html
    if profile.icp_number:
        assert profile.icp_number in html and "https://beian.miit.gov.cn/" in html
    if profile.police_number:
        assert profile.police_number in html
        assert f"beian.mps.gov.cn/#/query/webSearch?code={profile.police_record_code}" in html
    if profile.contact_phone:
        assert f"联系电话：{profile.contact_phone}" in html


@pytest.fixture
def article(cluster):
    published = dt.datetime(2026, 3, 12, 9, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    return ArticlePageFactory(
        parent=cluster.column(cluster.city, "gzdt"),
        title="长河市召开优化营商环境推进会",
        source="",
        author="王丽",
        first_published_at=published,
    )


def test_portal_home_meta_and_footer(cluster):
    html = host_client("www.localhost").get("/").content.decode()
    tags = meta(html)
    assert tags["SiteName"] == "长河市人民政府门户网站"
    assert tags["SiteDomain"] == "www.localhost"
    assert tags["SiteIDCode"] == "6109000001"
    assert tags["ColumnType"] == "首页"
    assert all(tags.get(name) for name in COLUMN_TAGS)
    assert_footer(html, cluster.city)


@pytest.mark.parametrize("which", ["county_a", "county_b", "department"])
def test_site_home_meta_and_footer(cluster, which):
    profile = getattr(cluster, which)
    html = host_client(profile.site.hostname).get("/").content.decode()
    tags = meta(html)
    assert tags["SiteIDCode"] == profile.site_code
    assert tags["SiteName"] == profile.canonical_name
    assert all(tags.get(name) for name in SITE_TAGS + COLUMN_TAGS)
    assert_footer(html, profile)


def test_column_page_meta_and_footer(cluster):
    response = host_client("anning.localhost").get("/zwgk/gknb/")
    html = response.content.decode()
    tags = meta(html)
    assert tags["ColumnName"] == "公开年报"
    assert tags["ColumnType"] == "信息公开年报"
    assert tags["ColumnDescription"] and tags["ColumnKeywords"]
    assert all(tags.get(name) for name in SITE_TAGS)
    assert "当前位置" in html and ">政务公开</a>" in html
    assert_footer(html, cluster.county_a)


def test_article_meta_and_footer(cluster, article):
    html = host_client("www.localhost").get(article.get_url()).content.decode()
    tags = meta(html)
    assert all(tags.get(name) for name in SITE_TAGS + ARTICLE_TAGS)
    assert tags["ArticleTitle"] == "长河市召开优化营商环境推进会"
    assert tags["PubDate"] == "2026-03-12 09:05"
    assert tags["ColumnName"] == "工作动态" and tags["ColumnType"] == "工作动态"
    assert tags["ContentSource"] == cluster.city.default_source  # falls back to the site's
    assert tags["Author"] == "王丽"
    assert tags["Url"].endswith(article.get_url())
    assert_footer(html, cluster.city)


def test_every_list_item_shows_its_date_and_lists_paginate(cluster, settings):
    settings.JIYUE_COLUMN_PAGE_SIZE = 5
    column = cluster.column(cluster.county_a, "tzgg")
    for day in range(12):
        ArticlePageFactory.published_days_ago(day + 1, parent=column, title=f"第{day}号公告")
    client = host_client("anning.localhost")
    first = client.get("/tzgg/").content.decode()
    items = re.findall(r'<li class="item">.*?</li>', first, re.S)
    assert len(items) == 5
    assert all(
        re.search(r'<time class="item-date"[^>]*>\d{4}-\d{2}-\d{2}</time>', i) for i in items
    )
    assert "共 12 条，第 1/3 页" in first
    last = client.get("/tzgg/?page=3").content.decode()
    assert len(re.findall(r'<li class="item">', last)) == 2
    assert client.get("/tzgg/?page=99").status_code == 200
    assert client.get("/tzgg/?page=abc").status_code == 200


def test_portal_lists_every_site_and_cluster_news(cluster):
    # 站群要闻 shows only what the portal accepted (cms.sharing): here it auto-accepts 清源县.
    policy = SharingPolicy.objects.create(site=cluster.city.site)
    policy.auto_accept_from.add(cluster.county_b.site)
    ArticlePageFactory(parent=cluster.column(cluster.county_b, "gzdt"), title="清源县新闻一则")
    ArticlePageFactory(parent=cluster.column(cluster.county_b, "zcwj"), title="清源县政策文件")
    ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="安宁县未报送新闻")
    html = host_client("www.localhost").get("/").content.decode()
    for profile in cluster.all:
        assert profile.canonical_name in html
        assert f'href="http://{profile.site.hostname}/"' in html
    assert "[清源县]" in html and 'title="清源县人民政府门户网站"' in html
    assert 'href="http://qingyuan.localhost/gzdt/' in html
    news = html.split('id="cluster-news-title"')[1].split("</section>")[0]
    assert "清源县新闻一则" in news and "清源县政策文件" not in news
    assert "安宁县未报送新闻" not in news


def test_elderly_mode_toggle_persists_in_a_cookie(cluster):
    client = host_client("anning.localhost")
    assert 'class="elderly-mode' not in client.get("/").content.decode()
    response = client.get("/mode/elderly/?next=/gzdt/")
    assert response.status_code == 302 and response["Location"] == "/gzdt/"
    assert 'class="elderly-mode' in client.get("/").content.decode()
    assert 'class="elderly-mode' in client.get("/gzdt/").content.decode()
    client.get("/mode/elderly/?next=/")
    assert 'class="elderly-mode' not in client.get("/").content.decode()
    evil = client.get("/mode/elderly/?next=https://evil.example/")
    assert evil["Location"] == "/"
