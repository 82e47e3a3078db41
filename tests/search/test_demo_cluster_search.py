"""Issue 4's acceptance queries against the demo cluster that `load_demo_cluster` builds and
indexes (the embedded engine, the default): 公开, 信息公开, a two-character word from a body, a
quoted phrase, a 文号 and a pinyin query, each with highlighted snippets; cluster scope against
site scope; facets adding up to the total."""

from __future__ import annotations

import json
import re
from collections import Counter

import jieba
import pytest
from django.core.cache import cache
from django.db import transaction

from cms.disclosure.models import DisclosurePage
from search.indexing import iter_documents, rebuild
from search.text import index_tokens, is_cjk
from tests import db_snapshot
from tests.conftest import host_client, load_demo

COUNTY = "anning.localhost:8000"
PORTAL = "www.localhost:8000"
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The tests' shared demo cluster (tests/conftest.py DEMO_ARGS: disclosures, cases and
    reports as in `make run`), inside a transaction that is rolled back afterwards; each test's
    own transaction nests inside it. Replayed rows carry no embedded full-text index, so the
    index is rebuilt from them, as `rebuild_search_index` does."""
    with django_db_blocker.unblock():
        # Caches filled by earlier tests of this process name rows rolled back since.
        cache.clear()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built, _ = db_snapshot.build_once("demo-cluster", load_demo)
            if built is None:
                rebuild()
            yield list(iter_documents())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def api(host: str, **params) -> dict:
    response = host_client(host).get("/api/search/", params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def highlighted(hit: dict, term: str) -> bool:
    return f"<mark>{term}" in hit["title_html"] + hit["snippet_html"]


@pytest.mark.parametrize("query", ["公开", "信息公开"])
def test_common_words_are_found_and_highlighted(demo, query):
    data = api(PORTAL, q=query, scope="all")
    assert data["total"] > 10
    assert data["results"] and all(highlighted(hit, query) for hit in data["results"])
    # Facets add up to the total.
    assert sum(v["count"] for v in data["facets"]["site"]["values"]) == data["total"]
    assert sum(v["count"] for v in data["facets"]["content_type"]["values"]) == data["total"]


def test_two_character_word_only_in_bodies_finds_exactly_those_documents(demo):
    # The rarest two-character word that appears only in bodies: the engine must find exactly the
    # documents whose body has it, although no title mentions it.
    bodies: Counter[str] = Counter()
    elsewhere: set[str] = set()
    for document in demo:
        bodies.update(set(index_tokens(document.body)))
        elsewhere.update(index_tokens(f"{document.title} {document.summary}"))
        elsewhere.update(index_tokens(document.attachment_text))
    candidates = [
        word
        for word, count in bodies.items()
        if len(word) == 2 and is_cjk(word) and word not in elsewhere and 2 <= count <= 5
    ]
    assert candidates, "the demo corpus should have rare body-only words"
    word = sorted(candidates)[0]
    expected = {d.url for d in demo if word in index_tokens(d.body)}
    data = api(PORTAL, q=word, scope="all")
    assert data["total"] == len(expected)
    assert {hit["url"] for hit in data["results"]} == expected
    assert all(f"<mark>{word}</mark>" in hit["snippet_html"] for hit in data["results"])


def rare_phrase(documents: list) -> tuple[str, set[str]]:
    """Three consecutive words of some body (jieba's accurate cut, as a citizen would copy them)
    that at most three documents contain, and the URLs of those documents."""
    for document in documents:
        for run in CJK_RUN.findall(document.body):
            words = jieba.lcut(run)
            for i in range(len(words) - 2):
                phrase = "".join(words[i : i + 3])
                if len(phrase) < 6:
                    continue
                holders = {d.url for d in documents if phrase in d.title + d.body}
                if len(holders) <= 3:
                    return phrase, holders
    raise AssertionError("the demo corpus should have a rare phrase")


def test_quoted_phrase_finds_the_documents_it_is_quoted_from(demo):
    phrase, holders = rare_phrase(demo)
    data = api(PORTAL, q=f'"{phrase}"', scope="all")
    assert {hit["url"] for hit in data["results"]} == holders
    assert all(f"<mark>{phrase}</mark>" in hit["snippet_html"] for hit in data["results"])


def test_document_number_goes_straight_to_its_document(demo):
    disclosure = DisclosurePage.objects.live().exclude(document_number="").order_by("pk").first()
    # Typed with ordinary brackets, as citizens do.
    typed = disclosure.document_number.replace("〔", "[").replace("〕", "]")
    data = api(PORTAL, q=typed, scope="all")
    assert [hit["url"] for hit in data["exact"]] == [disclosure.url]
    response = host_client(PORTAL).get("/search/", {"q": typed, "scope": "all"})
    assert response.status_code == 302 and response["Location"] == disclosure.url


def test_index_number_goes_straight_to_its_document(demo):
    disclosure = DisclosurePage.objects.live().order_by("-pk").first()
    data = api(PORTAL, q=disclosure.index_number, scope="all")
    assert [hit["url"] for hit in data["exact"]] == [disclosure.url]


def test_pinyin_query_finds_chinese_words(demo):
    data = api(PORTAL, q="gongkai", scope="all")
    assert data["total"] == api(PORTAL, q="公开", scope="all")["total"]
    assert all(highlighted(hit, "公开") for hit in data["results"])


def test_cluster_scope_finds_other_sites_that_site_scope_does_not(demo):
    site_scope = api(COUNTY, q="公开", scope="site")
    cluster_scope = api(COUNTY, q="公开", scope="all")
    own = {hit["site"]["name"] for hit in site_scope["results"]}
    assert own == {"安宁县人民政府门户网站"}
    sites = {v["label"] for v in cluster_scope["facets"]["site"]["values"]}
    assert "安宁县人民政府门户网站" in sites and len(sites) >= 5
    assert cluster_scope["total"] > site_scope["total"]


def test_search_page_shows_highlighted_results_on_every_site(demo):
    for host in (PORTAL, COUNTY, "jyj.localhost:8000"):
        response = host_client(host).get("/search/", {"q": "信息公开"})
        assert response.status_code == 200
        assert "<mark>信息公开</mark>" in response.content.decode()
