"""The read API: lists and details of articles and disclosures with the full disclosure
metadata, the default scope of the requesting host (the whole cluster on the portal), filters,
stable cursor pagination, ETag/304, rate limiting, and JSON errors in Chinese."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.disclosure.models import Topic
from cms.disclosure.vocab import DisclosureMethod
from cms.pages.withdrawal import withdraw_page
from tests.conftest import CITY_HOST, COUNTY_A_HOST, COUNTY_B_HOST, host_client


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()["items"]]


def test_disclosure_detail_carries_the_full_catalogue_metadata(cluster, orgs, publish_disclosure):
    topic = Topic.objects.filter(parent__isnull=False).select_related("parent").first()
    page = publish_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], topic=topic,
        title="安宁县人民政府关于印发防汛应急预案的通知", document_number="安政发[2026]7号",
        written_date=dt.date(2026, 2, 27),
    )  # fmt: skip
    client = host_client(COUNTY_A_HOST)
    item = client.get(f"/api/v1/disclosures/{page.translation_key}/").json()
    assert item["id"] == str(page.translation_key) and item["type"] == "disclosure"
    assert item["url"] == "http://anning.localhost/zwgk/fdzdgknr/fgwj/" + page.slug + "/"
    meta = item["disclosure"]
    assert meta["index_number"] == page.index_number and meta["index_number"]
    assert meta["document_number"] == "安政发〔2026〕7号"
    assert meta["written_date"] == "2026-02-27"
    assert meta["published_date"] == timezone.localdate(page.first_published_at).isoformat()
    assert meta["organisation"]["name"] == "安宁县人民政府"
    assert meta["topic"] == {"id": topic.pk, "name": topic.name, "label": topic.path_label}
    assert meta["genre"] == "通知" and meta["validity"] == "有效"
    assert meta["category"] == {"slug": "fgwj", "title": "法规文件"}
    assert item["content"].startswith("<p>") and item["summary"]
    assert item["published_at"].endswith("+08:00") and item["updated_at"]
    # The same id as an article is a 404: the typed detail only serves its own kind.
    assert client.get(f"/api/v1/articles/{page.translation_key}/").status_code == 404
    assert client.get(f"/api/v1/items/{page.translation_key}/").status_code == 200


def test_scope_defaults_to_the_host_and_the_portal_reads_the_cluster(cluster, make_article):
    a = make_article(cluster.column(cluster.county_a, "gzdt"))
    b = make_article(cluster.column(cluster.county_b, "gzdt"))
    a_id, b_id = str(a.translation_key), str(b.translation_key)
    assert ids(host_client(COUNTY_A_HOST).get("/api/v1/articles/")) == [a_id]
    assert ids(host_client(COUNTY_B_HOST).get("/api/v1/articles/")) == [b_id]
    assert set(ids(host_client(CITY_HOST).get("/api/v1/articles/"))) == {a_id, b_id}
    by_code = host_client(COUNTY_A_HOST).get("/api/v1/articles/", {"site": "6109220001"})
    assert ids(by_code) == [b_id]
    by_host = host_client(COUNTY_A_HOST).get("/api/v1/articles/", {"site": COUNTY_B_HOST})
    assert ids(by_host) == [b_id]
    assert set(ids(host_client(COUNTY_A_HOST).get("/api/v1/articles/", {"site": "all"}))) == {
        a_id, b_id,
    }  # fmt: skip
    missing = host_client(COUNTY_A_HOST).get("/api/v1/articles/", {"site": "nowhere"})
    assert missing.status_code == 404 and "没有" in missing.json()["message"]


def test_unlisted_items_never_appear(cluster, orgs, make_article, publish_disclosure):
    column = cluster.column(cluster.county_a, "fgwj")
    shown = publish_disclosure(column, orgs["county_a"])
    secret = publish_disclosure(
        column, orgs["county_a"], disclosure_method=DisclosureMethod.NOT_DISCLOSED
    )
    withdrawn = make_article(cluster.column(cluster.county_a, "gzdt"))
    withdraw_page(withdrawn, reason="内容有误")
    client = host_client(COUNTY_A_HOST)
    assert ids(client.get("/api/v1/items/")) == [str(shown.translation_key)]
    for page in (secret, withdrawn):
        response = client.get(f"/api/v1/items/{page.translation_key}/")
        assert response.status_code == 404 and "不予公开" in response.json()["message"]


def test_filters(cluster, orgs, make_article, publish_disclosure):
    fgwj = cluster.column(cluster.county_a, "fgwj")
    topic = Topic.objects.filter(parent__isnull=False).exclude(parent__name="综合政务").first()
    d1 = publish_disclosure(fgwj, orgs["county_a"], topic=topic)
    d2 = publish_disclosure(fgwj, orgs["county_a_edu"])
    news = make_article(cluster.column(cluster.county_a, "gzdt"))
    client = host_client(COUNTY_A_HOST)

    def query(**params) -> set[str]:
        return set(ids(client.get("/api/v1/items/", params)))

    key = {page.pk: str(page.translation_key) for page in (d1, d2, news)}
    assert query(organisation=orgs["county_a_edu"].pk) == {key[d2.pk]}
    assert query(topic=topic.pk) == {key[d1.pk]}
    assert query(topic=topic.parent_id) == {key[d1.pk]}  # a first-level topic includes its own
    assert query(category="fgwj") == {key[d1.pk], key[d2.pk]}
    assert query(column=str(fgwj.translation_key)) == {key[d1.pk], key[d2.pk]}
    today = timezone.localdate()
    assert query(published_from=today.isoformat()) == set(key.values())
    assert query(published_to=(today - dt.timedelta(days=1)).isoformat()) == set()
    bad = client.get("/api/v1/items/", {"category": "nope"})
    assert bad.status_code == 400 and "信息类别" in bad.json()["message"]
    bad_date = client.get("/api/v1/items/", {"published_from": "2026-13-40"})
    assert bad_date.status_code == 400 and "published_from" in bad_date.json()["message"]
    other_column = cluster.column(cluster.county_b, "gzdt")
    wrong = client.get("/api/v1/items/", {"column": str(other_column.translation_key)})
    assert wrong.status_code == 404


def test_cursor_pagination_is_stable_and_complete(cluster, make_article):
    column = cluster.column(cluster.county_a, "gzdt")
    moment = timezone.now() - dt.timedelta(days=1)
    pages = [make_article(column) for _ in range(7)]
    # Equal publication times: the page id breaks the tie, so no row is lost or repeated.
    type(pages[0]).objects.filter(pk__in=[p.pk for p in pages]).update(first_published_at=moment)
    client = host_client(COUNTY_A_HOST)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/articles/", params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [str(p.translation_key) for p in sorted(pages, key=lambda p: -p.pk)]
    tampered = client.get("/api/v1/articles/", {"cursor": "abc" + (cursor or "x")})
    assert tampered.status_code == 400 and "游标" in tampered.json()["message"]
    first = client.get("/api/v1/articles/", {"limit": 3}).json()["next_cursor"]
    other_filter = client.get("/api/v1/disclosures/", {"limit": 3, "cursor": first})
    assert other_filter.status_code == 400 and "筛选条件" in other_filter.json()["message"]


def test_etag_and_304(cluster, make_article):
    make_article(cluster.column(cluster.county_a, "gzdt"))
    client = host_client(COUNTY_A_HOST)
    response = client.get("/api/v1/items/")
    etag = response["ETag"]
    again = client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    make_article(cluster.column(cluster.county_a, "gzdt"))
    assert client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_rate_limit_is_per_client_with_a_chinese_429(cluster, settings):
    settings.JIYUE_API_RATE_ANON = 3
    client = host_client(COUNTY_A_HOST)
    for _ in range(3):
        assert client.get("/api/v1/sites/", REMOTE_ADDR="10.0.0.1").status_code == 200
    limited = client.get("/api/v1/sites/", REMOTE_ADDR="10.0.0.1")
    assert limited.status_code == 429
    assert "请求过于频繁" in limited.json()["message"]
    assert int(limited["Retry-After"]) >= 1
    # Another client is not affected.
    assert client.get("/api/v1/sites/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_errors_are_chinese_json(cluster):
    client = host_client(COUNTY_A_HOST)
    for path, status in (
        ("/api/v1/items/?limit=0", 400),
        ("/api/v1/items/?limit=abc", 400),
        ("/api/v1/items/?organisation=99999999999999", 400),
        ("/api/v1/items/not-a-uuid/", 400),
        ("/api/v1/items/5b0f0c53-1d7e-4a4f-9b31-2ddc8c1b2a11/", 404),
        ("/api/v1/no-such-endpoint/", 404),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert response["Content-Type"].startswith("application/json"), path
        message = response.json()["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), (path, message)
    not_allowed = client.post("/api/v1/items/")
    assert not_allowed.status_code == 405 and "GET" in not_allowed.json()["message"]


def test_schema_and_docs_page(cluster):
    client = host_client(COUNTY_A_HOST)
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/items/", "/api/v1/changes/", "/api/v1/disclosures/{item_id}/"} <= set(
        schema["paths"]
    )
    html = client.get("/api/v1/docs/").content.decode()
    assert "增量同步" in html and "索引号" in html and "/api/v1/schema/" in html
    assert "cdn" not in html.lower() and "<script" not in html


def test_list_query_count_does_not_grow_with_page_size(
    cluster, orgs, make_article, publish_disclosure
):
    column = cluster.column(cluster.county_a, "fgwj")
    for _ in range(2):
        make_article(cluster.column(cluster.county_a, "gzdt"))
        publish_disclosure(column, orgs["county_a"])
    client = host_client(COUNTY_A_HOST)

    def count(limit: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert len(ids(client.get("/api/v1/items/", {"limit": limit}))) == min(limit, 4)
        return len(queries)

    small = count(2)
    for _ in range(6):
        make_article(cluster.column(cluster.county_a, "gzdt"))
        publish_disclosure(column, orgs["county_a"])
    with CaptureQueriesContext(connection) as queries:
        assert len(ids(client.get("/api/v1/items/", {"limit": 16}))) == 16
    assert len(queries) <= small
