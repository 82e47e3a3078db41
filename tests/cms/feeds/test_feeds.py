"""Every feed kind read by feedparser (no bozo, enclosures in RSS and Atom), JSON Feed validated
against the JSON Feed 1.1 schema, conditional GET, bad input and the query budget."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.disclosure.models import Topic
from fixtures.factories import ArticlePageFactory
from search.indexing import index_pages
from tests.conftest import CITY_HOST, COUNTY_A_HOST, COUNTY_B_HOST, host_client

from .conftest import get_feed

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
FORMATS = ("rss", "atom", "json")


def _checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: str) -> bool:
        return dt.datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri")
    def is_uri(value: str) -> bool:
        parts = urlparse(value)
        return bool(parts.scheme in {"http", "https"} and parts.netloc)

    return checker


def feed_paths(cluster, orgs, category_page) -> dict[str, str]:
    news = cluster.column(cluster.county_a, "gzdt")
    return {
        "site": "/feeds/",
        "column": f"/feeds/column/{news.pk}/",
        "category": f"/feeds/category/{category_page.get_parent().slug}/",
        "topic": f"/feeds/topic/{Topic.objects.get(name='综合政务', parent=None).pk}/",
        "organisation": f"/feeds/org/{orgs['county_a'].pk}/",
        "search": "/feeds/search/?q=植树",
    }


@pytest.fixture
def disclosure(cluster, orgs, make_disclosure):
    from .test_build_feed_item import _first_category_column

    return make_disclosure(_first_category_column(cluster), orgs["county_a"])


def with_format(path: str, fmt: str) -> str:
    if fmt == "rss":
        return path
    return f"{path}{'&' if '?' in path else '?'}format={fmt}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_feed_kind_parses_cleanly(cluster, orgs, article_with_file, disclosure, fmt):
    index_pages([article_with_file.pk, disclosure.pk])
    for kind, path in feed_paths(cluster, orgs, disclosure).items():
        response = get_feed(with_format(path, fmt))
        assert response.status_code == 200, (kind, response.content[:200])
        if fmt == "json":
            document = json.loads(response.content)
            jsonschema.validate(document, SCHEMA, format_checker=_checker())
            continue
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (kind, parsed.get("bozo_exception"))
        assert parsed.feed.title
    cluster_feed = get_feed(with_format("/feeds/cluster/", fmt), host=CITY_HOST)
    assert cluster_feed.status_code == 200
    if fmt == "json":
        jsonschema.validate(json.loads(cluster_feed.content), SCHEMA, format_checker=_checker())
    else:
        assert not feedparser.parse(cluster_feed.content).bozo


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_enclosures_reach_feed_readers(article_with_file, fmt):
    parsed = feedparser.parse(get_feed(with_format("/feeds/", fmt)).content)
    assert not parsed.bozo
    [entry] = [e for e in parsed.entries if e.title == article_with_file.title]
    [enclosure] = entry.enclosures
    assert "/documents/" in enclosure.href and enclosure.href.endswith(".pdf")
    assert enclosure.type == "application/pdf"
    assert int(enclosure.length) == 15
    if fmt == "atom":
        # feedgen 1.0.0 alone writes <link href=…/> without rel, type or length.
        assert entry.id == f"urn:uuid:{article_with_file.translation_key}"
        assert entry.summary == "春季植树活动安排。"
        assert "请各单位" in entry.content[0].value
        assert entry.content[0].type == "text/html"
    else:
        assert entry.id == str(article_with_file.translation_key)
        assert entry.guidislink is False
        assert "请各单位" in entry.content[0].value


def test_json_feed_items(article_with_file):
    document = json.loads(get_feed("/feeds/?format=json").content)
    jsonschema.validate(document, SCHEMA, format_checker=_checker())
    [item] = [i for i in document["items"] if i["title"] == article_with_file.title]
    assert item["id"] == str(article_with_file.translation_key)
    assert item["attachments"][0]["mime_type"] == "application/pdf"
    assert item["attachments"][0]["size_in_bytes"] == 15
    assert item["date_published"].endswith("+08:00")
    assert "工作动态" in item["tags"]


def test_feed_updated_is_the_newest_item_not_now(news):
    old = ArticlePageFactory.published_days_ago(30, parent=news)
    ArticlePageFactory.published_days_ago(40, parent=news)
    parsed = feedparser.parse(get_feed(f"/feeds/column/{news.pk}/?format=atom").content)
    newest = dt.datetime.fromisoformat(parsed.feed.updated)
    assert abs(newest - old.last_published_at) < dt.timedelta(seconds=1)
    assert parsed.entries[0].title == old.title


@pytest.mark.parametrize("fmt", FORMATS)
def test_repeat_request_gets_304_with_etag_and_with_if_modified_since(news, fmt):
    ArticlePageFactory(parent=news)
    path = with_format(f"/feeds/column/{news.pk}/", fmt)
    first = get_feed(path)
    assert first.status_code == 200
    assert get_feed(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert get_feed(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    ArticlePageFactory(parent=news)  # a new item: the old validators no longer hold
    assert get_feed(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_304_is_decided_before_the_feed_is_built(news, django_assert_max_num_queries, settings):
    from cms.feeds import caching

    settings.JIYUE_FEED_CACHE_VALIDATORS = True  # as with a shared cache (Redis)
    for _ in range(3):
        ArticlePageFactory(parent=news)
    path = f"/feeds/column/{news.pk}/"
    etag = get_feed(path)["ETag"]
    client = host_client(COUNTY_A_HOST)
    caching.purge()  # no cached validator: it is computed again
    # The site, its profile, the column (with its view-restriction lookup), the listable
    # rule's view-restriction lookup and the one aggregate: no item is loaded.
    with django_assert_max_num_queries(6):
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(path).status_code == 200  # rebuilt and cached
    # Validator and document are cached until content changes: a repeat touches no table.
    with django_assert_max_num_queries(0):
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get(path).status_code == 200


def _feed_queries(path: str) -> int:
    from cms.feeds import caching

    client = host_client(COUNTY_A_HOST)
    client.get(path)  # warm Wagtail's site root paths
    caching.purge()  # rebuild the feed, keeping the site root paths cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_items(cluster, orgs, make_disclosure, news):
    from .test_build_feed_item import _first_category_column

    column = _first_category_column(cluster)
    for _ in range(2):
        ArticlePageFactory(parent=news)
        make_disclosure(column, orgs["county_a"])
    few = _feed_queries("/feeds/")
    for _ in range(6):
        ArticlePageFactory(parent=news)
        make_disclosure(column, orgs["county_a"])
    assert _feed_queries("/feeds/") == few


@pytest.mark.parametrize(
    "path, status",
    [
        ("/feeds/?format=pdf", 400),
        ("/feeds/column/999999/", 404),
        ("/feeds/column/99999999999999999999999/", 404),
        ("/feeds/topic/99999999999999999999/", 404),
        ("/feeds/org/0/", 404),
        ("/feeds/category/nosuch/", 404),
        ("/feeds/cluster/", 404),  # only on the city portal
        ("/sitemap-0.xml", 404),
        ("/sitemap-999999.xml", 404),
        ("/feeds/search/?q=" + "长" * 5000, 200),
    ],
)
def test_bad_input_gets_a_chinese_4xx_never_a_500(cluster, path, status):
    response = get_feed(path)
    assert response.status_code == status
    if status != 200:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.content.decode())


def test_column_of_another_site_is_not_served(cluster):
    other = cluster.column(cluster.county_b, "gzdt")
    assert get_feed(f"/feeds/column/{other.pk}/").status_code == 404
    assert get_feed(f"/feeds/column/{other.pk}/", host=COUNTY_B_HOST).status_code == 200


def test_organisation_of_another_site_is_not_served(cluster, orgs):
    assert get_feed(f"/feeds/org/{orgs['county_b'].pk}/").status_code == 404


def test_saved_search_feed_reads_the_unified_search(article_with_file, news):
    other = ArticlePageFactory(
        parent=news, title="县政府召开常务会议", body="<p>研究经济工作。</p>"
    )
    index_pages([article_with_file.pk, other.pk])
    parsed = feedparser.parse(get_feed("/feeds/search/?q=植树&format=atom").content)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == [article_with_file.title]
    assert "植树" in parsed.feed.title
