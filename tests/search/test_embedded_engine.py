"""The embedded engine's own guarantees, on documents indexed directly (no pages): filters as
tags, phrases on character grams, and the ranking window that bounds BM25 on large indexes.
A window of a few documents here makes the small corpus take the large-index paths."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools

import pytest
from django.db import connection

from search.documents import SearchDocument
from search.engines import fts5, get_engine, postgres, reset_engine
from search.query import SearchRequest
from search.text import analyse, index_tokens, is_cjk, parse_query, segment, words

EMBEDDED = "search.engines.embedded.EmbeddedEngine"
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
ORGANISATIONS = ["安宁县人力资源和社会保障局", "长河市 教育局（本级）"]

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="FTS5 路径专属")


def document(number: int, title: str, body: str = "", **fields) -> SearchDocument:
    values = {
        "id": 1000 + number,
        "site_id": 1 + number % 3,
        "site_name": f"网站{1 + number % 3}",
        "site_code": f"61090000{1 + number % 3:02d}",
        "column_title": "工作动态",
        "column_type": "工作动态" if number % 2 else "政策文件",
        "content_type": "文章",
        "organisation": ORGANISATIONS[number % 2],
        "title": title,
        "summary": "",
        "body": body,
        "attachment_text": "",
        "url": f"http://example.localhost/{number}/",
        "published_at": START + dt.timedelta(days=number),
        "updated_at": START + dt.timedelta(days=number),
        "validity": "有效",
    }
    values.update(fields)
    return SearchDocument(**values)


@pytest.fixture
def engine(db, settings):
    settings.JIYUE_SEARCH_ENGINE = EMBEDDED
    reset_engine()
    engine = get_engine()
    engine.clear()
    # Twelve documents mention 公开: four in the title, eight in the body only. Indexed in
    # publication order, so the newest documents also have the highest ids.
    documents = [
        document(
            n, "关于政府信息公开工作的通知" if n % 3 == 0 else f"第{n}期工作简报", "本期要点。"
        )
        for n in range(12)
    ]
    for doc in documents:
        if "公开" not in doc.title:
            doc.body = "信息公开栏同步更新，接受社会监督。"
    documents.append(document(20, "关于印发社会保险补贴办法的通知", "请认真贯彻执行。"))
    documents.append(document(21, "白鹭湖湿地巡查", "检查候鸟栖息地。各供热企业要确保室内温度。"))
    engine.index(documents)
    yield engine
    engine.clear()
    reset_engine()


def search(engine, text: str = "", **options) -> list:
    request = SearchRequest(query=parse_query(text), **options)
    return engine.search(request)


def all_pages(engine, text: str, **options) -> list[int]:
    ids: list[int] = []
    for page in itertools.count(1):
        hits = search(engine, text, page=page, per_page=3, **options).hits
        if not hits:
            return ids
        ids.extend(hit.id for hit in hits)


@pytest.mark.parametrize(
    "text",
    ["关于做好政府信息公开工作的通知", "GB/T 9704-2012 规定 3.5%", "ＡＢＣ１２３ covid19 病毒"],
)
def test_index_tokens_hold_the_search_mode_tokens(text):
    assert not set(segment(text)) - set(index_tokens(text))


def test_index_tokens_hold_longer_words_across_the_cut_but_not_two_character_ones():
    # Cut 人力资源 | 和 | 社会 | 保障局: 社会保障 is still found; 开工 in 公开 | 工作 is not.
    assert "社会保障" in index_tokens("人力资源和社会保障局")
    assert "开工" not in index_tokens("政府信息公开工作")


@pytest.mark.parametrize(
    "text",
    [
        "长河市人民政府办公室关于印发2025年政府信息公开工作要点的通知",
        "ABC公司 T恤 B超 c++ 第15号abc，热线或公开工作 12345热线 X光片",
        "關於做好醫療保險參保登記工作的通知（繁體）",
    ],
)
def test_one_pass_yields_the_index_tokens_and_the_accurate_cut_words(text):
    # The vocabulary learns these words from the engine's own pass (search.vocabulary).
    chinese = [word for word in analyse(text).words if is_cjk(word)]
    assert chinese == [word for word in words(text) if is_cjk(word) and len(word) >= 2]


def test_segmentation_route_is_jiebas_own(settings):
    # search.text keeps its own DAG and route (cached log frequencies) for speed: they must
    # give jieba's results to the last float and tie, on real text and on random runs of its
    # characters (where ties between equally rare words are common).
    import random
    from pathlib import Path

    import jieba

    from search import text as search_text

    source = (Path(settings.BASE_DIR) / "docs" / "rules.md").read_text(encoding="utf-8")
    normalised = search_text.normalise(source)
    blocks = [
        block
        for block in jieba.re_han_default.split(normalised)
        if block and jieba.re_han_default.match(block)
    ]
    characters = sorted({c for c in normalised if search_text.is_cjk(c)})
    rng = random.Random(8)
    blocks += ["".join(rng.choices(characters, k=rng.randint(1, 40))) for _ in range(500)]
    assert len(blocks) > 1000
    for block in blocks:
        expected_dag = jieba.dt.get_DAG(block)
        expected_route: dict = {}
        jieba.dt.calc(block, expected_dag, expected_route)
        assert search_text._dag(block) == expected_dag, block
        assert search_text._route(block, expected_dag) == expected_route, block


# Both databases: a phrase is a verbatim substring of title or body, whatever its words' tokens
# (FTS5 trigram table on SQLite, pg_trgm indexes on PostgreSQL).
@pytest.mark.parametrize(
    "phrase", ["保险补贴", "会保险补", "信息公开栏", "白鹭湖", "湿地", "补贴办法的通知"]
)
def test_phrase_is_found_verbatim_even_inside_words(engine, phrase):
    assert search(engine, f'"{phrase}"').total >= 1


def test_phrase_needs_adjacent_characters(engine):
    # 企业 and 温度 are in the same sentence, not next to each other.
    assert search(engine, '"企业温度"').total == 0
    assert search(engine, '"补贴通知"').total == 0


def test_free_text_filter_values_match_exactly(engine):
    assert search(engine, "公开", filters={"organisation": [ORGANISATIONS[1]]}).total == 6
    assert search(engine, "公开", filters={"organisation": ["长河市"]}).total == 0
    both = search(engine, "公开", filters={"organisation": ORGANISATIONS}).total
    assert both == 12


def test_site_year_and_column_filters_combine(engine):
    results = search(engine, "公开", site_ids=[1], filters={"column_type": ["政策文件"]})
    assert results.total == 2
    assert all(hit.site_id == 1 and hit.column_type == "政策文件" for hit in results.hits)
    assert search(engine, "公开", site_ids=[]).total == 0
    assert search(engine, "公开", year=2024).total == 0
    assert search(engine, "公开", year=2025).total == 12


def test_site_and_year_filters_follow_a_reindexed_document(engine):
    # Document 20 (site 3, 2025) moves to site 1 and into 2026: the filters (tags in the
    # PostgreSQL vector) find it under its new site and year only.
    assert [hit.id for hit in search(engine, "社会保险补贴", site_ids=[3]).hits] == [1020]
    moved = document(
        20, "关于印发社会保险补贴办法的通知", site_id=1, published_at=START.replace(2026)
    )
    engine.index([moved])
    assert search(engine, "社会保险补贴", site_ids=[3]).total == 0
    assert search(engine, "社会保险补贴", site_ids=[2, 3], year=2025).total == 0
    assert [hit.id for hit in search(engine, "社会保险补贴", site_ids=[1, 2]).hits] == [1020]
    assert [hit.id for hit in search(engine, "社会保险补贴", year=2026).hits] == [1020]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL 的向量标签")
def test_tag_migration_spells_the_tags_as_the_engine_does(engine):
    # Migration 0008 adds the site and year tags to entries indexed before it, in SQL.
    tags = importlib.import_module("search.migrations.0008_postgres_vector_tags")
    with connection.schema_editor(atomic=False) as editor:
        tags.remove(None, editor)
        assert search(engine, "公开", site_ids=[1]).total == 0
        tags.add(None, editor)
    assert search(engine, "公开", site_ids=[1]).total == 4
    assert search(engine, "公开", site_ids=[1, 2], year=2025).total == 8


def test_date_range_filters_matches(engine):
    day = (START + dt.timedelta(days=5)).date()
    results = search(engine, "公开", date_from=day, date_to=day + dt.timedelta(days=2))
    assert sorted(hit.id for hit in results.hits) == [1005, 1006, 1007]


@pytest.mark.parametrize("window", [2, 5, 2000])
def test_ranking_window_keeps_totals_and_every_match_once(engine, settings, window):
    settings.JIYUE_SEARCH_RANK_WINDOW = window
    assert search(engine, "公开").total == 12
    ids = all_pages(engine, "公开")
    assert len(ids) == len(set(ids)) == 12
    if window >= 4:  # every title match is inside the window: they all come first
        assert set(ids[:4]) == {1000, 1003, 1006, 1009}


def test_past_the_window_title_matches_then_newest_matches_then_the_rest(engine, settings):
    settings.JIYUE_SEARCH_RANK_WINDOW = 5
    ids = all_pages(engine, "公开")
    # All four title matches (the newest five would fit), then the newest five matches
    # (1007–1011) by score, then the rest newest first.
    assert set(ids[:4]) == {1000, 1003, 1006, 1009}
    assert set(ids[4:8]) == {1007, 1008, 1010, 1011}
    assert ids[8:] == [1005, 1004, 1002, 1001]


@pytest.mark.parametrize("window", [2, 2000])
def test_newest_sort_is_by_publication_date(engine, settings, window):
    settings.JIYUE_SEARCH_RANK_WINDOW = window
    ids = all_pages(engine, "公开", sort="newest")
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == 12


def test_facets_exact_up_to_the_limit_whatever_the_window(engine, settings):
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    results = search(engine, "公开")
    assert results.facets_sampled is None
    for name, values in results.facets.items():
        assert sum(value.count for value in values) == 12, name


def test_facets_past_the_limit_are_a_sample_of_the_newest(engine, settings, monkeypatch):
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    monkeypatch.setattr(fts5, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(postgres, "FACET_EXACT_LIMIT", 3)
    results = search(engine, "公开")
    assert results.total == 12
    assert results.facets_sampled == 3
    assert sum(value.count for value in results.facets["column_type"]) == 3
    ids = all_pages(engine, "公开")
    # The newest two title matches, the newest two matches, then the rest newest first (older
    # title matches included).
    assert set(ids[:2]) == {1006, 1009}
    assert set(ids[2:4]) == {1010, 1011}
    assert ids[4:] == [1008, 1007, 1005, 1004, 1003, 1002, 1001, 1000]


@pytest.mark.parametrize("factor", [0, 10])
def test_latest_items_with_filters_read_through_tags_or_the_date_index(engine, monkeypatch, factor):
    monkeypatch.setattr(fts5, "TAG_READ_FACTOR", factor)
    results = search(engine, "", filters={"column_type": ["工作动态"]}, per_page=3)
    assert results.total == 7
    assert [hit.id for hit in results.hits] == [1021, 1011, 1009]
    assert sum(value.count for value in results.facets["site"]) == 7
    everything = search(engine, "", per_page=3)
    assert everything.total == 14
    assert [hit.id for hit in everything.hits] == [1021, 1020, 1011]


def test_exclusion_only_query_lists_the_rest(engine):
    results = search(engine, "-公开")
    assert sorted(hit.id for hit in results.hits) == [1020, 1021]


def test_reindex_replaces_the_fulltext_row(engine):
    engine.index([document(21, "白鹭湖湿地巡查", "新的正文：候鸟迁徙。")])
    assert search(engine, "栖息地").total == 0
    assert search(engine, '"候鸟迁徙"').total == 1
    engine.delete([1021])
    assert search(engine, "候鸟").total == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts")
            assert cursor.fetchone()[0] == engine.count()


def test_autocomplete_respects_sites_and_the_window(engine, settings):
    urls = {f"http://example.localhost/{n}/" for n in (0, 3, 6, 9)}
    assert {item["url"] for item in engine.autocomplete("关于政府", None)} == urls
    assert {item["url"] for item in engine.autocomplete("关于政府", [1])} == urls
    assert engine.autocomplete("关于政府", [2]) == []
    assert engine.autocomplete("关于政府", []) == []


@sqlite_only
def test_autocomplete_suggests_from_the_newest_window(engine, settings):
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    suggested = {item["url"] for item in engine.autocomplete("关于政府", None)}
    assert suggested == {"http://example.localhost/6/", "http://example.localhost/9/"}


def test_phrases_combine_with_words_filters_and_exclusions(engine):
    assert [hit.id for hit in search(engine, '通知 "社会保险补贴"').hits] == [1020]
    assert search(engine, '公开 "社会保险补贴"').total == 0
    on_site = search(engine, '"信息公开栏"', site_ids=[2])
    assert sorted(hit.id for hit in on_site.hits) == [1001, 1004, 1007, 1010]
    assert search(engine, '"信息公开栏" -简报').total == 0


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("公开", {1006, 1009}),  # the newest title matches
        ('"信息公开"', {1010, 1011}),  # phrases only: no title stage, the newest matches
    ],
)
def test_window_with_phrases_and_dates(engine, settings, query, first):
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    ids = all_pages(engine, query)
    assert len(ids) == len(set(ids)) == 12
    assert set(ids[:2]) == first
    day = (START + dt.timedelta(days=5)).date()
    dated = all_pages(engine, query, date_from=day, date_to=day + dt.timedelta(days=2))
    assert sorted(dated) == [1005, 1006, 1007] and dated[0] == 1006


def test_letters_match_whatever_their_case_in_phrases_and_title_stage(engine, settings):
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    # Past the window of two: the older title match comes before the newer body matches.
    engine.index(
        [
            document(30, "Jiyue平台上线", "欢迎使用Jiyue平台办理业务。"),
            document(31, "第31期工作简报", "通过JIYUE平台申报。"),
            document(32, "第32期工作简报", "jiyue 平台维护通知。"),
        ]
    )
    assert search(engine, '"jiyue平台"').total == 2
    ids = [hit.id for hit in search(engine, "JIYUE").hits]
    assert ids[0] == 1030 and sorted(ids) == [1030, 1031, 1032]


def test_a_character_jieba_splits_off_a_place_name_is_no_prefix(engine):
    # 长河市 is cut 长河 | 市: 市 must not match as a prefix, or 长河市场监督管理局 (cut 长河 |
    # 市场 | …) would be found for the city, and every word starting with 市 be merged.
    engine.index(
        [
            # Even numbers: their organisation (ORGANISATIONS[0]) does not name 长河市.
            document(30, "长河市人民政府关于冬训的通知"),
            document(32, "长河市场监督管理局开展冬训检查"),
            document(34, "社保卡冬训办理指南"),
        ]
    )
    assert [hit.id for hit in search(engine, "长河市 冬训").hits] == [1030]
    # A character typed on its own is still a prefix: 社 finds 社保卡.
    assert 1034 in [hit.id for hit in search(engine, "社 冬训").hits]
    assert parse_query("社 清源县").lone_characters == {"社"}


@sqlite_only
@pytest.mark.parametrize("lookup_cost", [0, 10**12])
def test_newest_past_the_sample_walks_the_date_index_either_way(
    engine, settings, monkeypatch, lookup_cost
):
    # Past the facet sample, 最新发布 walks the date index, asking FTS5 row by row (dense
    # matches) or checking a gathered set of matches (sparse ones): the same order either way,
    # by publication date, not by id.
    settings.JIYUE_SEARCH_RANK_WINDOW = 2
    monkeypatch.setattr(fts5, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(fts5, "LOOKUP_COST", lookup_cost)
    engine.index([document(40, "信息公开年报补录", published_at=START - dt.timedelta(days=1))])
    ids = all_pages(engine, "公开", sort="newest")
    assert ids == [*range(1011, 999, -1), 1040]


@sqlite_only
def test_a_phrase_past_the_window_ranks_title_matches_of_the_newest_window_first(engine, settings):
    settings.JIYUE_SEARCH_RANK_WINDOW = 5
    # 信息公开 is in the titles of 1000, 1003, 1006 and 1009, in the bodies of the others.
    assert all_pages(engine, '"信息公开"') == [1009, 1011, 1010, 1008, 1007, *range(1006, 999, -1)]


@pytest.mark.django_db
def test_recount_replaces_the_vocabulary_with_exact_frequencies():
    from search.models import SearchTerm
    from search.vocabulary import recount

    recount({"社保": 3, "医保": 1, "犬只登记": 2})
    recount({"社保": 5, "医保": 1, "养老": 1})  # 社保 changed, 医保 unchanged, 犬只登记 gone
    frequencies = dict(SearchTerm.objects.values_list("term", "frequency"))
    assert {t: frequencies.get(t) for t in ("社保", "医保", "养老", "犬只登记")} == {
        "社保": 5,
        "医保": 1,
        "养老": 1,
        "犬只登记": None,
    }
    assert SearchTerm.objects.get(term="养老").pinyin == "yanglao"
