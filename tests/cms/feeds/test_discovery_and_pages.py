"""Every page kind advertises its feeds; the 订阅 and 网站地图 pages; the footer links to both."""

from __future__ import annotations

import re

import pytest

from cms.disclosure.vocab import CATEGORY_TITLES
from fixtures.factories import ArticlePageFactory
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

from .test_build_feed_item import _first_category_column

ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">')


def alternates(host: str, path: str) -> list[tuple[str, str, str]]:
    response = host_client(host).get(path)
    assert response.status_code == 200, path
    return ALTERNATE.findall(response.content.decode())


def hrefs(host: str, path: str) -> set[str]:
    return {href for _, _, href in alternates(host, path)}


def three(path: str) -> set[str]:
    return {path, f"{path}?format=atom", f"{path}?format=json"}


def test_home_advertises_the_site_feed_in_three_formats(cluster):
    found = alternates(COUNTY_A_HOST, "/")
    assert {href for _, _, href in found} == three("/feeds/")
    assert {mime for mime, _, _ in found} == {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    }


def test_portal_advertises_the_site_and_cluster_feeds(cluster):
    assert hrefs(CITY_HOST, "/") == three("/feeds/") | three("/feeds/cluster/")


def test_column_page_advertises_its_own_feed(cluster, news):
    assert hrefs(COUNTY_A_HOST, news.get_url()) == three("/feeds/") | three(
        f"/feeds/column/{news.pk}/"
    )


def test_article_page_advertises_its_column_feed(news):
    article = ArticlePageFactory(parent=news)
    assert hrefs(COUNTY_A_HOST, article.get_url()) == three("/feeds/") | three(
        f"/feeds/column/{news.pk}/"
    )


def test_disclosure_page_advertises_its_column_and_category_feeds(cluster, orgs, make_disclosure):
    column = _first_category_column(cluster)
    page = make_disclosure(column, orgs["county_a"])
    found = hrefs(COUNTY_A_HOST, page.get_url())
    assert three(f"/feeds/column/{column.pk}/") <= found
    assert three(f"/feeds/category/{column.slug}/") <= found
    category_column = host_client(COUNTY_A_HOST).get(column.get_url())
    assert f"/feeds/category/{column.slug}/" in category_column.content.decode()


@pytest.mark.parametrize("path", ["/gkml/", "/search/?q=通知", "/dingyue/", "/sitemap/"])
def test_other_pages_advertise_the_site_feed(cluster, path):
    assert three("/feeds/") <= hrefs(COUNTY_A_HOST, path)


def test_subscribe_page_lists_every_feed_in_three_formats(cluster, orgs, news):
    html = host_client(COUNTY_A_HOST).get("/dingyue/").content.decode()
    assert "<h1" in html and "订阅" in html and "RSS 2.0" in html and "JSON Feed" in html
    for path in (
        "/feeds/",
        f"/feeds/column/{news.pk}/",
        f"/feeds/org/{orgs['county_a'].pk}/",
        "/feeds/search/?q=",
    ):
        assert f'href="{path}' in html, path
    assert f'href="/feeds/column/{news.pk}/?format=atom"' in html
    assert f'href="/feeds/column/{news.pk}/?format=json"' in html
    category = _first_category_column(cluster)
    assert f'href="/feeds/category/{category.slug}/"' in html
    assert CATEGORY_TITLES[category.slug] in html
    assert "主题分类订阅" in html
    # Other sites' organisations are not this site's feeds.
    assert f"/feeds/org/{orgs['county_b'].pk}/" not in html
    assert "/feeds/cluster/" not in html
    assert "/feeds/cluster/" in host_client(CITY_HOST).get("/dingyue/").content.decode()


def test_site_map_page_shows_the_column_tree(cluster, news):
    html = host_client(COUNTY_A_HOST).get("/sitemap/").content.decode()
    assert "网站地图" in html
    assert '<a href="/gzdt/">工作动态</a>' in html
    # Nested: 法定主动公开内容 inside 政务公开.
    zwgk = html.index('<a href="/zwgk/">政务公开</a>')
    assert html.index("法定主动公开内容", zwgk) > zwgk
    assert "清源县" not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("path", ["/", "/dingyue/", "/sitemap/"])
def test_footer_links_to_site_map_and_subscriptions(cluster, path):
    footer = host_client(COUNTY_A_HOST).get(path).content.decode().split("<footer", 1)[1]
    assert '<a href="/sitemap/">网站地图</a>' in footer
    assert '<a href="/dingyue/">订阅</a>' in footer
