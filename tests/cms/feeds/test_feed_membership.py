"""What a feed holds: withdrawn, unpublished and 不予公开 items leave every feed and the sitemap;
a 一般修改 does not move an item up, a 重要更新 does (CONTRACT-9.md)."""

from __future__ import annotations

import json

import pytest

from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.disclosure.models import Topic
from cms.disclosure.vocab import DisclosureMethod
from cms.pages.withdrawal import withdraw_page
from fixtures.factories import ArticlePageFactory
from search.indexing import index_pages
from tests.conftest import CITY_HOST

from .conftest import get_feed
from .test_build_feed_item import _first_category_column


def feed_ids(path: str, host: str | None = None) -> list[str]:
    separator = "&" if "?" in path else "?"
    kwargs = {"host": host} if host else {}
    response = get_feed(f"{path}{separator}format=json", **kwargs)
    assert response.status_code == 200, response.content[:200]
    return [item["id"] for item in json.loads(response.content)["items"]]


def every_feed(cluster, orgs, page) -> list[tuple[str, str | None]]:
    parent = page.get_parent()
    topic = Topic.objects.get(name="综合政务", parent=None)
    paths = [
        ("/feeds/", None),
        (f"/feeds/column/{parent.pk}/", None),
        (f"/feeds/org/{orgs['county_a'].pk}/", None),
        (f"/feeds/topic/{topic.pk}/", None),
        (f"/feeds/category/{parent.slug}/", None),
        ("/feeds/search/?q=惠民政策", None),
        ("/feeds/cluster/", CITY_HOST),
    ]
    return paths


def sitemap_text(client_host: str = "anning.localhost") -> str:
    return get_feed("/sitemap-1.xml", host=client_host).content.decode()


@pytest.fixture
def listed(cluster, orgs, make_disclosure):
    page = make_disclosure(_first_category_column(cluster), orgs["county_a"])
    index_pages([page.pk])
    return page


def assert_everywhere(cluster, orgs, page, present: bool) -> None:
    key = str(page.translation_key)
    for path, host in every_feed(cluster, orgs, page):
        assert (key in feed_ids(path, host)) is present, path
    assert (page.url_path.split("/", 2)[2] in sitemap_text()) is present


def test_a_listed_disclosure_is_in_every_feed_and_the_sitemap(cluster, orgs, listed):
    assert_everywhere(cluster, orgs, listed, present=True)


@pytest.mark.parametrize("cached_validators", [False, True])
def test_a_withdrawn_item_leaves_every_feed_and_the_sitemap(
    cluster, orgs, listed, settings, cached_validators
):
    settings.JIYUE_FEED_CACHE_VALIDATORS = cached_validators
    assert_everywhere(cluster, orgs, listed, present=True)  # fills the caches
    withdraw_page(listed, reason="内容有误，已撤稿。")
    assert_everywhere(cluster, orgs, listed, present=False)


def test_an_unpublished_item_leaves_every_feed_and_the_sitemap(cluster, orgs, listed):
    assert_everywhere(cluster, orgs, listed, present=True)
    listed.unpublish()
    assert_everywhere(cluster, orgs, listed, present=False)


def test_a_not_disclosed_item_leaves_every_feed_and_the_sitemap(cluster, orgs, listed):
    assert_everywhere(cluster, orgs, listed, present=True)
    listed.disclosure_method = DisclosureMethod.NOT_DISCLOSED
    publish_page(listed)
    assert_everywhere(cluster, orgs, listed, present=False)


def test_a_minor_update_does_not_reorder_a_feed_and_a_major_one_does(news):
    older = ArticlePageFactory.published_days_ago(3, parent=news)
    newer = ArticlePageFactory.published_days_ago(1, parent=news)
    path = f"/feeds/column/{news.pk}/"
    order = [str(newer.translation_key), str(older.translation_key)]
    assert feed_ids(path) == order
    first = get_feed(path)

    older.title = older.title + "（更正）"
    publish_page(older, update_kind=UpdateKind.MINOR, change_note="更正标题")
    assert feed_ids(path) == order
    # The text changed, so the validators did too, though the order did not.
    assert get_feed(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    document = json.loads(get_feed(f"{path}?format=json").content)
    assert document["items"][1]["title"].endswith("（更正）")
    assert document["items"][1]["date_modified"] < document["items"][0]["date_modified"]

    publish_page(older, update_kind=UpdateKind.MAJOR, change_note="补充内容")
    assert feed_ids(path) == order[::-1]
    document = json.loads(get_feed(f"{path}?format=json").content)
    assert document["items"][0]["date_modified"] > document["items"][1]["date_modified"]


def test_a_cached_feed_is_purged_when_content_changes(news):
    ArticlePageFactory(parent=news)
    path = f"/feeds/column/{news.pk}/?format=json"
    assert json.loads(get_feed(path).content)["title"].startswith("工作动态")
    news.title = "工作要闻"
    publish_page(news)  # the column's own publication: no item changed, the cache is purged
    assert json.loads(get_feed(path).content)["title"].startswith("工作要闻")
