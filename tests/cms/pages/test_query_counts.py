"""Page query counts are bounded and do not grow with the number of sites or articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fixtures.factories import ArticlePageFactory
from sites.provisioning import SiteSpec, create_site
from tests.conftest import host_client

BUDGET = {"portal": 16, "home": 14, "column": 14, "article": 14}


def page_urls(cluster, article) -> dict[str, tuple[str, str]]:
    return {
        "portal": ("www.localhost", "/"),
        "home": ("anning.localhost", "/"),
        "column": ("anning.localhost", "/gzdt/"),
        "article": ("anning.localhost", article.get_url()),
    }


def measure(urls) -> dict[str, int]:
    result = {}
    for name, (host, path) in urls.items():
        client = host_client(host)
        assert client.get(path).status_code == 200  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        result[name] = len(queries)
    return result


def add_content(cluster, sites: int, articles: int) -> None:
    for n in range(sites):
        create_site(
            SiteSpec(
                name=f"扩展{n}号县人民政府门户网站",
                hostname=f"extra{n}.localhost",
                code=f"61098{n:01d}0001",
                level="county",
                parent_hostname="www.localhost",
            )
        )
    for profile in (cluster.county_a, cluster.county_b, cluster.city):
        for column_slug in ("gzdt", "tzgg", "zcwj", "zcjd"):
            column = cluster.column(profile, column_slug)
            for n in range(articles):
                ArticlePageFactory.published_days_ago(n, parent=column)


@pytest.mark.parametrize("name", list(BUDGET))
def test_page_stays_within_query_budget(cluster, name, django_assert_max_num_queries):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    add_content(cluster, sites=2, articles=6)
    host, path = page_urls(cluster, article)[name]
    client = host_client(host)
    client.get(path)
    with django_assert_max_num_queries(BUDGET[name]):
        assert client.get(path).status_code == 200


def test_query_counts_do_not_grow_with_sites_or_articles(cluster):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    urls = page_urls(cluster, article)
    add_content(cluster, sites=0, articles=2)
    small = measure(urls)
    add_content(cluster, sites=5, articles=25)
    large = measure(urls)
    assert large == small
