"""Elasticsearch client code paths over HTTP against the fake server: index creation with the
analysers, bulk retries on 429, the atomic alias swap of a rebuild, response parsing."""

from __future__ import annotations

import pytest

from search.documents import SearchDocument
from search.engines import load_engine, reset_engine
from search.query import SearchRequest
from search.text import parse_query
from tests.search.fake_elasticsearch import FakeElasticsearch


@pytest.fixture
def fake():
    server = FakeElasticsearch().start()
    yield server
    server.stop()


@pytest.fixture
def engine(fake, settings, db):
    settings.ELASTICSEARCH_URL = fake.url
    settings.JIYUE_SEARCH_INDEX = "jiyue-client-test"
    reset_engine()
    return load_engine("search.engines.elasticsearch.ElasticsearchEngine")


def doc(pk: int, title: str) -> SearchDocument:
    return SearchDocument(
        id=pk, site_id=1, site_name="测试网站", site_code="6109000001", column_title="工作动态",
        column_type="工作动态", content_type="文章", organisation="长河市人民政府", title=title,
        summary="", body=f"{title}。正文内容。", attachment_text="", url=f"http://x/{pk}/",
        published_at=None, updated_at=None,
    )  # fmt: skip


def test_index_is_created_behind_alias_with_cjk_bigram(engine, fake):
    engine.index([doc(1, "信息公开指南")])
    (index_name,) = fake.aliases["jiyue-client-test"]
    settings = fake.indices[index_name]["settings"]
    assert "cjk_bigram" in settings["analysis"]["analyzer"]["jiyue_cjk"]["filter"]
    assert fake.indices[index_name]["docs"]["1"]["title_jieba"] == "信息 公开 指南"


def test_bulk_retries_rejected_items(engine, fake):
    engine.ensure_index()
    fake.reject_next_bulk_items = 2
    engine.index([doc(1, "甲"), doc(2, "乙"), doc(3, "丙")])
    assert engine.count() == 3
    assert [p for m, p in fake.requests if p.endswith("_bulk")].__len__() == 2


def test_rebuild_swaps_alias_atomically_and_drops_old_index(engine, fake):
    engine.index([doc(1, "旧文档")])
    (old,) = fake.aliases["jiyue-client-test"]
    assert engine.rebuild(iter([doc(2, "新文档"), doc(3, "另一篇")])) == 2
    (new,) = fake.aliases["jiyue-client-test"]
    assert new != old and old not in fake.indices
    assert engine.count() == 2
    assert any(p == "/_aliases" for _, p in fake.requests)


def test_search_parses_hits_highlight_and_aggregations(engine):
    engine.index([doc(1, "信息公开指南"), doc(2, "供暖通知")])
    results = engine.search(SearchRequest(query=parse_query("公开")))
    assert results.total == 1
    assert results.hits[0].title_html == "信息<mark>公开</mark>指南"
    assert results.facets["column_type"][0].count == 1
    assert results.facets["site"][0].value == "6109000001"


def test_delete_of_unknown_id_is_ignored(engine):
    engine.index([doc(1, "甲")])
    engine.delete([1, 42])
    assert engine.count() == 0
