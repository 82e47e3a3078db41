"""Simplified and traditional script are the same to search (issue 15 item 5): index text and
queries are folded to simplified script with OpenCC (search.text.normalise), and highlighting still
marks the page's own characters. Run on every reachable engine (embedded, the fake Elasticsearch)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fixtures.factories import ArticlePageFactory
from search import indexing
from search.highlight import mark, snippet
from search.text import normalise, parse_query, to_simplified
from tests.search.test_behaviour import search, titles

TRADITIONAL_TITLE = "清源縣開展濕地保護專項巡查"
TRADITIONAL_BODY = "巡查組走訪了白鷺湖濕地，檢查候鳥棲息地保護情況。"
SIMPLIFIED_TITLE = "安宁县召开政府信息公开工作推进会"
SIMPLIFIED_BODY = "会议要求进一步做好政务公开工作，提升公开质量。"


@pytest.fixture
def scripts(cluster, engine_path) -> dict:
    now = timezone.now()
    pages = {
        "traditional": ArticlePageFactory(
            parent=cluster.column(cluster.county_b, "gzdt"),
            title=TRADITIONAL_TITLE,
            summary="",
            body=f"<p>{TRADITIONAL_BODY}</p>",
            first_published_at=now - dt.timedelta(days=1),
        ),
        "simplified": ArticlePageFactory(
            parent=cluster.column(cluster.county_a, "gzdt"),
            title=SIMPLIFIED_TITLE,
            summary="",
            body=f"<p>{SIMPLIFIED_BODY}</p>",
            first_published_at=now - dt.timedelta(days=2),
        ),
    }
    indexing.rebuild()
    return pages


def test_folding_keeps_length_and_positions():
    assert to_simplified("政府資訊公開") == "政府资讯公开"
    assert normalise("ＡＢＣ 濕地") == "abc 湿地"
    text = "【通知】清源縣開展濕地保護"
    assert len(to_simplified(text)) == len(text)


def test_simplified_query_finds_traditional_page_and_marks_its_characters(scripts):
    outcome = search(None, "湿地保护", scope="all")
    assert titles(outcome) == [TRADITIONAL_TITLE]
    hit = outcome.results.hits[0]
    assert "<mark>濕地保護</mark>" in hit.title_html
    # A body-only word: the snippet marks the traditional characters too.
    outcome = search(None, "候鸟", scope="all")
    assert titles(outcome) == [TRADITIONAL_TITLE]
    assert "<mark>候鳥</mark>" in outcome.results.hits[0].snippet_html


def test_traditional_query_finds_simplified_page(scripts):
    outcome = search(None, "信息公開")
    assert SIMPLIFIED_TITLE in titles(outcome)
    hit = next(h for h in outcome.results.hits if h.title == SIMPLIFIED_TITLE)
    assert "公开</mark>" in hit.title_html
    assert titles(search(None, "質量", scope="all")) == [SIMPLIFIED_TITLE]


def test_quoted_phrase_matches_in_either_script(scripts):
    # Phrases are verbatim on the stored text, so they are looked for as typed, simplified and
    # in OpenCC's usual traditional form (a variant such as 溼 for 濕 is not among them).
    assert titles(search(None, '"候鸟栖息地"')) == [TRADITIONAL_TITLE]
    assert titles(search(None, '"白鷺湖濕地"')) == [TRADITIONAL_TITLE]
    assert titles(search(None, '"政務公開工作"')) == [SIMPLIFIED_TITLE]


def test_highlighter_marks_original_characters():
    terms = parse_query("湿地 保护").words
    assert mark("濕地保護專項", terms) == "<mark>濕地保護</mark>專項"
    assert "<mark>候鳥</mark>" in snippet(["前言", TRADITIONAL_BODY], ["候鸟"])
