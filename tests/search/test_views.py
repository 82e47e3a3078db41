"""The public search page, the JSON API, the header search box, bad input and query budget."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from search.models import BestBet, QueryLog
from tests.conftest import host_client
from tests.security.strategies import SEARCH_PARAMS

EMBEDDED = "search.engines.embedded.EmbeddedEngine"


@pytest.fixture
def corpus(cluster, embedded):
    from search import indexing
    from tests.search.conftest import make_corpus

    data = make_corpus(cluster)
    indexing.rebuild()
    return data


def test_search_page_shows_highlighted_results_and_facets(corpus):
    response = host_client("qingyuan.localhost").get("/search/", {"q": "湿地"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>湿地</mark>" in html
    assert 'name="scope"' in html
    assert "栏目类型" in html
    assert QueryLog.objects.filter(query="湿地", results=1).exists()


def test_header_has_search_box_on_every_page(corpus):
    html = host_client("anning.localhost").get("/").content.decode()
    assert 'action="/search/"' in html
    assert "本站" in html and "全站" in html


def test_best_bet_shown_for_its_site_within_dates(corpus):
    page = corpus.pages["heating"]
    BestBet.objects.create(query="取暖", page=page, site=corpus.cluster.city.site)
    assert (
        "推荐结果" in host_client("www.localhost").get("/search/", {"q": "取暖"}).content.decode()
    )
    html = host_client("anning.localhost").get("/search/", {"q": "取暖"}).content.decode()
    assert "推荐结果" not in html


def test_exact_document_number_goes_to_document(corpus, embedded):
    from search.documents import build_document

    page = corpus.pages["insurance"]
    document = build_document(page)
    document.document_number = "安政发〔2026〕12号"
    embedded.index([document])
    response = host_client("anning.localhost").get("/search/", {"q": "安政发[2026]12号"})
    assert response.status_code == 302
    assert response["Location"].endswith(page.url_path.split("/", 2)[2])
    data = host_client("anning.localhost").get("/api/search/", {"q": "安政发（2026）12号"}).json()
    assert data["exact"][0]["id"] == page.pk


def test_api_errors_are_chinese_json(corpus):
    client = host_client("www.localhost")
    response = client.get("/api/search/", {"q": "公开", "page": "abc"})
    assert response.status_code == 400
    assert "页码" in response.json()["message"]
    response = client.post("/api/search/", {"q": "公开"})
    assert response.status_code == 405
    assert response.json()["message"]


def test_long_query_is_cut_with_notice(corpus):
    data = host_client("www.localhost").get("/api/search/", {"q": "公开" * 80}).json()
    assert len(data["query"]) == 100
    assert any("截取" in notice for notice in data["notices"])


def test_engine_failure_is_503_not_500(corpus, settings):
    from search.engines import reset_engine

    settings.JIYUE_SEARCH_ENGINE = "search.engines.elasticsearch.ElasticsearchEngine"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_engine()
    response = host_client("www.localhost").get("/api/search/", {"q": "公开"})
    assert response.status_code == 503
    assert response.json()["message"] == "搜索服务暂时不可用，请稍后再试。"
    assert host_client("www.localhost").get("/search/", {"q": "公开"}).status_code == 503


def test_search_page_query_budget(corpus, django_assert_max_num_queries):
    client = host_client("anning.localhost")
    client.get("/search/", {"q": "通知"})
    with django_assert_max_num_queries(25):
        response = client.get("/search/", {"q": "通知", "scope": "all", "column_type": "政策文件"})
    assert response.status_code == 200


NUL_PARAMETERS = ("q", "site", "organisation", "topic", "genre", "column_type", "year", "from")


@pytest.mark.parametrize("name", NUL_PARAMETERS)
def test_nul_bytes_in_any_parameter_are_harmless(corpus, name):
    # PostgreSQL text cannot hold NUL: a value carrying one must never reach a query or the log.
    client = host_client("anning.localhost")
    for url in ("/search/", "/api/search/", "/api/search/suggest/"):
        response = client.get(url, {"q": "公开", name: "安\x00宁"})
        assert response.status_code == 200, (url, name)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "\u00b2"},  # superscript two: str.isdigit() says yes, int() says no
        {"year": "\u2460"},  # circled one
        {"year": "\u0662\u0660\u0662\u0666"},  # Arabic-Indic 2026
        {"to": "9999-12-31"},  # the day after overflows
        {"from": "0001-01-01", "to": "0001-01-01"},
    ],
)
def test_unicode_digits_and_extreme_dates_are_ignored_with_a_notice(corpus, params):
    client = host_client("anning.localhost")
    page = client.get("/search/", {"q": "公开", **params})
    assert page.status_code == 200 and "已忽略" in page.content.decode()
    api = client.get("/api/search/", {"q": "公开", **params})
    assert api.status_code == 200
    assert any("已忽略" in notice for notice in json.loads(api.content)["notices"])


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(params=SEARCH_PARAMS)
def test_fuzz_never_500(corpus, params):
    client = host_client("anning.localhost")
    for url in ("/search/", "/api/search/", "/api/search/suggest/"):
        response = client.get(url, params)
        assert response.status_code < 500, (url, params)
        if url.startswith("/api/") and response.status_code != 200:
            assert json.loads(response.content)["message"]


def test_admin_search_tools_render(corpus, make_user):
    from django.urls import reverse

    QueryLog.objects.create(query="湿底", results=0)
    QueryLog.objects.create(query="公开", results=12)
    client = host_client("www.localhost", make_user("admin", superuser=True))
    report = client.get(reverse("querylog:index"))
    assert report.status_code == 200
    assert "无结果搜索词" in report.content.decode() and "湿底" in report.content.decode()
    assert client.get(reverse("synonym:add")).status_code == 200
    assert client.get(reverse("bestbet:index")).status_code == 200


def test_synonym_added_in_the_admin_applies_to_the_next_search(corpus, make_user):
    from django.urls import reverse

    def found(query: str) -> list[str]:
        response = host_client("www.localhost").get("/api/search/", {"q": query, "scope": "all"})
        return [hit["title"] for hit in json.loads(response.content)["results"]]

    heating = corpus.pages["heating"].title
    assert heating not in found("采暖")
    admin = host_client("www.localhost", make_user("admin", superuser=True))
    response = admin.post(reverse("synonym:add"), {"terms": "供暖，采暖", "enabled": "on"})
    assert response.status_code == 302
    assert heating in found("采暖")


def test_synonym_with_one_term_is_refused_with_a_message(corpus, make_user):
    from django.urls import reverse

    admin = host_client("www.localhost", make_user("admin", superuser=True))
    response = admin.post(reverse("synonym:add"), {"terms": "供暖", "enabled": "on"})
    assert response.status_code == 200
    assert "同义词组至少需要两个不同的词语" in response.content.decode()


def test_page_and_api_say_when_facet_counts_are_sampled(corpus, settings, monkeypatch):
    from search.engines import fts5, postgres

    settings.JIYUE_SEARCH_RANK_WINDOW = 1
    monkeypatch.setattr(fts5, "FACET_EXACT_LIMIT", 1)
    monkeypatch.setattr(postgres, "FACET_EXACT_LIMIT", 1)
    client = host_client("www.localhost")
    data = json.loads(client.get("/api/search/", {"q": "通知", "scope": "all"}).content)
    assert data["total"] == 2 and data["facets_sampled"] == 1
    html = client.get("/search/", {"q": "通知", "scope": "all"}).content.decode()
    assert "各筛选项的数量按最新的 1 条结果统计" in html
    monkeypatch.setattr(fts5, "FACET_EXACT_LIMIT", 2000)
    monkeypatch.setattr(postgres, "FACET_EXACT_LIMIT", 2000)
    settings.JIYUE_SEARCH_RANK_WINDOW = 2000
    data = json.loads(client.get("/api/search/", {"q": "通知", "scope": "all"}).content)
    assert data["facets_sampled"] is None
