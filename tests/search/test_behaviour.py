"""The search behaviour suite, run against every reachable engine (embedded always; the fake
Elasticsearch server always; a real Elasticsearch when ELASTICSEARCH_URL is set)."""

from __future__ import annotations

import json

from django.http import QueryDict

from search.engines import get_engine
from search.service import run_search
from tests.conftest import host_client


def search(corpus, query: str, site=None, **params):
    data = QueryDict(mutable=True)
    data["q"] = query
    for key, value in params.items():
        data[key] = value
    site_id = site.site_id if site is not None else None
    return run_search(data, site_id)


def titles(outcome) -> list[str]:
    return [hit.title for hit in outcome.results.hits]


def test_two_character_word_finds_title_and_highlights_it(corpus):
    outcome = search(corpus, "公开")
    hit = next(h for h in outcome.results.hits if h.id == corpus.pages["disclosure"].pk)
    assert "<mark>公开</mark>" in hit.title_html


def test_compound_word_is_found(corpus):
    assert corpus.pages["disclosure"].title in titles(search(corpus, "信息公开"))


def test_word_from_body_only_is_found_with_highlighted_snippet(corpus):
    outcome = search(corpus, "候鸟")
    assert titles(outcome) == [corpus.pages["wetland"].title]
    assert "<mark>候鸟</mark>" in outcome.results.hits[0].snippet_html


def test_title_match_ranks_above_body_match(corpus):
    outcome = search(corpus, "湿地")
    assert titles(outcome)[0] == corpus.pages["wetland"].title
    outcome = search(corpus, "供暖")
    assert titles(outcome)[0] == corpus.pages["heating"].title


def test_quoted_phrase_must_appear_verbatim(corpus):
    assert titles(search(corpus, '"供暖服务热线"')) == [corpus.pages["heating"].title]
    # Both words occur in the notice, but not next to each other.
    assert titles(search(corpus, '"企业温度"')) == []


def test_minus_word_excludes(corpus):
    found = titles(search(corpus, "长河市 -供暖"))
    assert corpus.pages["medical"].title in found
    assert corpus.pages["heating"].title not in found


def test_synonym_expands_query(corpus):
    assert corpus.pages["insurance"].title in titles(search(corpus, "社保"))
    assert corpus.pages["medical"].title in titles(search(corpus, "医疗保险"))


def test_pinyin_input_finds_chinese_words(corpus):
    outcome = search(corpus, "yibao")
    assert corpus.pages["medical"].title in titles(outcome)
    assert any("拼音" in notice for notice in outcome.notices)
    assert corpus.pages["insurance"].title in titles(search(corpus, "shebao"))


def test_homophone_typo_gets_did_you_mean(corpus):
    outcome = search(corpus, "湿底")
    assert outcome.results.total == 0
    assert outcome.suggestion == "湿地"


def test_site_scope_hides_other_sites_cluster_scope_finds_them(corpus):
    anning = corpus.cluster.county_a
    site_titles = titles(search(corpus, "湿地", site=anning, scope="site"))
    cluster_titles = titles(search(corpus, "湿地", site=anning, scope="all"))
    assert corpus.pages["wetland"].title not in site_titles
    assert corpus.pages["wetland"].title in cluster_titles


def test_facets_add_up_to_total(corpus):
    outcome = search(corpus, "")
    assert outcome.results.total > 5
    for name, values in outcome.results.facets.items():
        assert sum(v.count for v in values) == outcome.results.total, name


def test_filters_narrow_results_and_unknown_values_give_notices(corpus):
    outcome = search(corpus, "", column_type="政策文件")
    assert titles(outcome) == [corpus.pages["insurance"].title]
    outcome = search(corpus, "通知", column_type="不存在的栏目")
    assert any("不存在" in notice for notice in outcome.notices)
    assert corpus.pages["heating"].title in titles(outcome)


def test_sort_newest_and_empty_query_lists_latest(corpus):
    outcome = search(corpus, "", sort="newest")
    dates = [hit.published_at for hit in outcome.results.hits]
    assert dates == sorted(dates, reverse=True)
    outcome = search(corpus, "长河市", sort="newest", content_type="文章")
    assert titles(outcome)[:2] == [corpus.pages["heating"].title, corpus.pages["medical"].title]


def test_page_past_the_end_is_empty(corpus):
    outcome = search(corpus, "公开", page="999")
    assert outcome.results.hits == []
    assert outcome.results.total > 0


def test_autocomplete_titles(corpus):
    suggestions = get_engine().autocomplete("清源县开展", None)
    assert [s["title"] for s in suggestions] == [corpus.pages["wetland"].title]


def test_api_returns_json_with_facets(corpus):
    response = host_client("www.localhost").get("/api/search/", {"q": "湿地", "scope": "all"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["results"][0]["title"] == corpus.pages["wetland"].title
    assert sum(v["count"] for v in data["facets"]["site"]["values"]) == data["total"]
