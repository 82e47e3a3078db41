"""Render speed (issue 14 item 4): every page kind renders in a fixed number of SQL queries,
whatever the size of its lists and the number of sites; the navigation and the footer come from
the fragment cache, whose version follows page and site changes."""

from __future__ import annotations

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from fixtures.factories import ArticlePageFactory, ColumnPageFactory
from sites.provisioning import SiteSpec, create_site
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

# Queries of a warm request (site root paths and the chrome cached), per page kind. The homes'
# 图片新闻 block costs 2 and the item pages' 上一篇/下一篇 3 (issue 15 items 6 and 7).
BUDGET = {
    "portal home": 17,
    "county home": 13,
    "column list": 12,
    "article": 15,
    "disclosure": 22,
    "catalogue": 7,
}


def count_queries(host: str, path: str) -> int:
    client = host_client(host)
    assert client.get(path).status_code == 200  # warm: root paths, chrome fragments
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def grow(cluster, orgs, make_disclosure, *, sites: int, articles: int, disclosures: int) -> None:
    for n in range(sites):
        create_site(
            SiteSpec(
                name=f"预算{n}号县人民政府门户网站",
                hostname=f"budget{n}.localhost",
                code=f"61097{n:01d}0001",
                level="county",
                parent_hostname=CITY_HOST,
            )
        )
    for n in range(articles):
        ArticlePageFactory.published_days_ago(
            n + 1, parent=cluster.column(cluster.county_a, "gzdt")
        )
    ArticlePageFactory.published_days_ago(1, parent=cluster.column(cluster.city, "tzgg"))
    for _ in range(disclosures):
        make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])


def test_each_page_kind_has_a_fixed_query_budget(cluster, orgs, make_disclosure, settings):
    settings.JIYUE_COLUMN_PAGE_SIZE = 5  # lists longer than a page without publishing dozens
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    disclosure = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    urls = {
        "portal home": (CITY_HOST, "/"),
        "county home": (COUNTY_A_HOST, "/"),
        "column list": (COUNTY_A_HOST, "/gzdt/"),
        "article": (COUNTY_A_HOST, article.get_url()),
        "disclosure": (COUNTY_A_HOST, disclosure.get_url()),
        "catalogue": (COUNTY_A_HOST, "/gkml/"),
    }
    grow(cluster, orgs, make_disclosure, sites=0, articles=1, disclosures=1)
    small = {name: count_queries(*url) for name, url in urls.items()}
    # Lists longer than one page, more disclosures and another site.
    grow(cluster, orgs, make_disclosure, sites=1, articles=7, disclosures=3)
    large = {name: count_queries(*url) for name, url in urls.items()}
    assert large == small
    over = {name: count for name, count in large.items() if count > BUDGET[name]}
    assert not over, f"over budget {BUDGET}: {over}"


def test_navigation_and_footer_come_from_the_fragment_cache(cluster):
    with override_settings(JIYUE_CHROME_CACHE_SECONDS=0):
        uncached = count_queries(COUNTY_A_HOST, "/gzdt/")
    cached = count_queries(COUNTY_A_HOST, "/gzdt/")
    assert uncached == cached + 1  # the navigation's column query


def test_chrome_follows_page_and_site_changes(cluster):
    client = host_client(COUNTY_A_HOST)
    with override_settings(JIYUE_CHROME_CACHE_SECONDS=3600):
        first = client.get("/").content.decode()
        assert "专项行动" not in first
        # A new top-level column, published: in the navigation at once.
        column = ColumnPageFactory(
            parent=cluster.county_a.site.root_page,
            title="专项行动",
            slug="zxxd",
            show_in_menus=True,
        )
        assert 'href="/zxxd/">专项行动</a>' in client.get("/gzdt/").content.decode()
        # Unpublished: gone again.
        column.unpublish()
        assert "专项行动" not in client.get("/gzdt/").content.decode()
        # The site's identity changes: the footer shows it.
        profile = cluster.county_a
        profile.contact_phone = "0917-5219999"
        profile.save()
        assert "联系电话：0917-5219999" in client.get("/").content.decode()
        # Another site's chrome is its own.
        assert "0917-5219999" not in host_client(CITY_HOST).get("/").content.decode()
