"""Incremental sync: a client that applies every page of /api/v1/changes/ mirrors the catalogue
exactly — across publishes, minor and major edits, moves (within a site, to another site, and of
a whole column), 撤稿 and reinstatement, unpublishing, 不予公开 and back, and deletes — for the
whole cluster and for one site, starting from an empty mirror or mid-way. The live set is read
from the one listing rule, not from the API."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.api.models import ChangeEntry
from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.disclosure.models import DisclosurePage
from cms.disclosure.vocab import DisclosureMethod
from cms.pages.models import ArticlePage, ColumnPage
from cms.pages.queries import publicly_listable
from cms.pages.withdrawal import reinstate_page, withdraw_page
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client


class Mirror:
    """What an app does: store the cursor, apply upserts and tombstones."""

    def __init__(self, host: str, limit: int = 3) -> None:
        self.client = host_client(host)
        self.limit = limit
        self.items: dict[str, dict] = {}
        self.cursor: str | None = None

    def sync(self) -> int:
        pages = 0
        while True:
            params = {"limit": self.limit}
            if self.cursor:
                params["cursor"] = self.cursor
            response = self.client.get("/api/v1/changes/", params)
            assert response.status_code == 200, response.content[:300]
            body = response.json()
            pages += 1
            if body["reset"]:
                self.items.clear()
            ids = [change["id"] for change in body["changes"]]
            assert len(ids) == len(set(ids))  # one state per content id and page
            for change in body["changes"]:
                if change["action"] == "upsert":
                    self.items[change["id"]] = change["item"]
                else:
                    self.items.pop(change["id"], None)
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return pages


def live_set(root: Page | None = None) -> dict[str, Page]:
    pages = publicly_listable().type(ArticlePage, DisclosurePage).filter(alias_of__isnull=True)
    if root is not None:
        pages = pages.descendant_of(root)
    return {str(page.translation_key): page.specific for page in pages}


def assert_mirrors(mirror: Mirror, root: Page | None = None) -> None:
    mirror.sync()
    expected = live_set(root)
    assert set(mirror.items) == set(expected)
    for cid, page in expected.items():
        item = mirror.items[cid]
        assert item["title"] == page.title
        assert item["content"] == mirror.client.get(f"/api/v1/items/{cid}/").json()["content"]
        assert item["url"].endswith(page.url_path.split("/", 2)[2])
        assert item["summary"] == page.summary
    # The mirror is what the list endpoint serves, field for field.
    listed = {}
    cursor = None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        body = mirror.client.get("/api/v1/items/", params).json()
        listed.update({item["id"]: item for item in body["items"]})
        if not (cursor := body["next_cursor"]):
            break
    assert listed == mirror.items


def test_a_client_mirrors_the_catalogue_through_every_kind_of_change(
    cluster, orgs, make_article, publish_disclosure
):
    a_news = cluster.column(cluster.county_a, "gzdt")
    a_notices = cluster.column(cluster.county_a, "tzgg")
    b_news = cluster.column(cluster.county_b, "gzdt")
    fgwj = cluster.column(cluster.county_a, "fgwj")
    articles = [make_article(a_news) for _ in range(4)]
    b_article = make_article(b_news)
    disclosures = [publish_disclosure(fgwj, orgs["county_a"]) for _ in range(3)]

    portal = Mirror(CITY_HOST)
    county = Mirror(COUNTY_A_HOST, limit=2)
    assert portal.sync() >= 3  # snapshot pages, then the journal
    assert_mirrors(portal)
    assert_mirrors(county, cluster.county_a.site.root_page)

    # Publishes, a minor and a major edit.
    new = make_article(a_news, title="新发布的稿件")
    first = articles[0]
    first.title = "改正错别字后的标题"
    publish_page(first, update_kind=UpdateKind.MINOR, change_note="更正错别字")
    second = articles[1]
    second.body = "<p>补充了实质内容。</p>"
    publish_page(second, update_kind=UpdateKind.MAJOR)
    assert_mirrors(portal)
    assert_mirrors(county, cluster.county_a.site.root_page)
    assert county.items[str(new.translation_key)]["title"] == "新发布的稿件"
    assert county.items[str(second.translation_key)]["content"] == "<p>补充了实质内容。</p>"

    # Moves: within the site, to another site, and a whole column with its items.
    articles[2].move(a_notices, pos="last-child")
    b_article_moved = Page.objects.get(pk=articles[3].pk)
    b_article_moved.move(b_news, pos="last-child")
    topic_column = ColumnPage(title="专题", slug="zt", description="专题", keywords="专题")
    a_news.add_child(instance=topic_column)
    topic_column = publish_page(topic_column)
    in_topic = make_article(topic_column, title="专题栏目中的稿件")
    assert_mirrors(county, cluster.county_a.site.root_page)
    assert str(in_topic.translation_key) in county.items
    Page.objects.get(pk=topic_column.pk).move(b_news, pos="last-child")
    assert_mirrors(portal)
    assert_mirrors(county, cluster.county_a.site.root_page)
    assert str(articles[3].translation_key) not in county.items
    assert str(in_topic.translation_key) not in county.items
    assert str(in_topic.translation_key) in portal.items
    assert str(articles[3].translation_key) in portal.items

    # 撤稿 and reinstatement, unpublishing, 不予公开 and back, deletes.
    withdraw_page(articles[0], reason="数据有误")
    Page.objects.get(pk=new.pk).specific.unpublish()
    secret = disclosures[0]
    secret.disclosure_method = DisclosureMethod.NOT_DISCLOSED
    publish_page(secret)
    assert_mirrors(portal)
    assert_mirrors(county, cluster.county_a.site.root_page)
    assert str(secret.translation_key) not in county.items
    reinstate_page(articles[0])
    secret = DisclosurePage.objects.get(pk=secret.pk)
    secret.disclosure_method = DisclosureMethod.PROACTIVE
    publish_page(secret)
    Page.objects.get(pk=disclosures[1].pk).delete()
    Page.objects.get(pk=topic_column.pk).delete()  # a column and the item below it
    assert_mirrors(portal)
    assert_mirrors(county, cluster.county_a.site.root_page)
    assert str(articles[0].translation_key) in county.items
    assert str(in_topic.translation_key) not in portal.items
    assert b_article.pk  # untouched throughout

    # A client that starts now, mid-history, ends with the same set.
    late = Mirror(CITY_HOST, limit=4)
    assert_mirrors(late)
    assert late.items == portal.items


def test_updated_since_and_bad_cursors(cluster, make_article):
    column = cluster.column(cluster.county_a, "gzdt")
    before = make_article(column)
    client = host_client(COUNTY_A_HOST)
    moment = ChangeEntry.objects.order_by("-seq").first().created_at
    after = make_article(column)
    body = client.get("/api/v1/changes/", {"updated_since": moment.isoformat()}).json()
    assert body["phase"] == "journal" and not body["reset"]
    # Inclusive: a change at the very moment is returned again (applying it twice is harmless).
    assert [change["id"] for change in body["changes"]] == [
        str(before.translation_key),
        str(after.translation_key),
    ]
    later = ChangeEntry.objects.order_by("-seq").first().created_at + dt.timedelta(microseconds=1)
    body = client.get("/api/v1/changes/", {"updated_since": later.isoformat()}).json()
    assert body["changes"] == [] and not body["has_more"]
    early = client.get("/api/v1/changes/", {"updated_since": "2000-01-01T00:00:00+08:00"}).json()
    assert early["phase"] == "snapshot" and early["reset"]
    assert {c["id"] for c in early["changes"]} == {
        str(before.translation_key),
        str(after.translation_key),
    }
    naive = client.get("/api/v1/changes/", {"updated_since": "2026-01-01T00:00:00"})
    assert naive.status_code == 400 and "时区" in naive.json()["message"]
    bad = client.get("/api/v1/changes/", {"cursor": "bm90LWEtY3Vyc29y"})
    assert bad.status_code == 400 and "游标" in bad.json()["message"]
    county_cursor = body["next_cursor"]
    other_scope = host_client(CITY_HOST).get("/api/v1/changes/", {"cursor": county_cursor})
    assert other_scope.status_code == 400 and "site" in other_scope.json()["message"]


def test_sync_page_query_count_does_not_grow_with_page_size(
    cluster, orgs, make_article, publish_disclosure
):
    column = cluster.column(cluster.county_a, "gzdt")
    fgwj = cluster.column(cluster.county_a, "fgwj")
    client = host_client(COUNTY_A_HOST)
    start = client.get("/api/v1/changes/").json()["next_cursor"]
    for _ in range(2):
        make_article(column)
        publish_disclosure(fgwj, orgs["county_a"])

    def count(limit: int, expected: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/v1/changes/", {"cursor": start, "limit": limit}).json()
        assert len(body["changes"]) == expected
        return len(queries)

    small = count(2, 2)
    for _ in range(6):
        make_article(column)
        publish_disclosure(fgwj, orgs["county_a"])
    assert count(16, 16) <= small
    with CaptureQueriesContext(connection) as queries:
        snapshot = client.get("/api/v1/changes/", {"limit": 16}).json()
    assert len(snapshot["changes"]) == 16 and len(queries) <= small + 1
