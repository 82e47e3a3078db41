"""Search benchmark: builds a synthetic corpus of N Chinese government documents and prints, for
each reachable engine, index throughput (docs/s), index size, query latency p50/p95 for a fixed
mix of 50 queries (single words, two-character words, phrases, filters, facets) and the time to
re-index one document. Uses its own throwaway database; never part of the tests.

A timed search is what /search/ asks of the search layer (search.service.run_search): parse and
expand the query (synonyms, pinyin), the exact 文号 lookup when the query looks like one, the one
engine search with facets (over the first 30 matches for relevance pages 1 to 3, which
search.grouping regroups), and "did you mean" and the suggestions when nothing is found. Not timed: best bets and the
query log (one small row each, whatever the index size) and the template. Nothing is cached
between the five rounds.

    python benchmarks/search.py --docs 100000 [--database-url postgres://…/jiyue_bench]

At 1,000,000 documents, indexing is bound by jieba (about 2 ms a document on a quiet core,
several times that on a busy one). `--memo-tokens` remembers the analysis of each jieba block
(the synthetic sentences repeat, so most blocks recur): the same tokens, several times faster,
so the index throughput it prints is not that of real text, and the output says so. Memory stays
bounded: the corpus is generated as it is indexed and the memo is a bounded LRU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["长河市", "安宁县", "清源县", "青石区", "白鹭县", "东城街道", "西湖镇", "南山乡"]
AGENCIES = [
    "人民政府", "人民政府办公室", "教育局", "卫生健康委员会", "人力资源和社会保障局", "财政局",
    "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "农业农村局", "市场监督管理局",
    "应急管理局", "民政局", "医疗保障局", "统计局", "文化和旅游局", "水利局",
]  # fmt: skip
ACTIONS = ["印发", "开展", "做好", "加强", "推进", "公布", "调整", "规范", "组织", "实施"]
TOPICS = [
    "政府信息公开", "社会保险补贴", "义务教育招生", "城乡居民医疗保险", "安全生产检查",
    "冬季供暖保障", "农村人居环境整治", "营商环境优化", "食品药品监督抽检", "防汛抗旱",
    "就业创业扶持", "老旧小区改造", "生态环境保护", "公共文化服务", "困难群众救助",
    "政务服务事项清单", "行政事业性收费", "政府集中采购", "重大建设项目", "统计数据发布",
]  # fmt: skip
DOC_TYPES = ["的通知", "的公告", "工作方案", "的意见", "实施办法", "的通报", "的批复", "的函"]
SENTENCES = [
    "为深入贯彻落实{topic}工作部署，结合{place}实际，制定本{kind}。",
    "各单位要高度重视，明确责任分工，确保{topic}各项任务落到实处。",
    "{agency}将会同有关部门加强督促检查，及时通报工作进展情况。",
    "本{kind}自发布之日起施行，有效期五年。",
    "群众可通过政务服务热线或{place}政府网站咨询{topic}相关政策。",
    "截至目前，全{area}累计完成{topic}项目{n}个，惠及群众{m}万人。",
    "会议强调，要坚持问题导向，持续优化营商环境，切实为企业和群众办实事。",
    "请于{month}月{day}日前将{topic}工作总结报送{agency}办公室。",
    "对工作中发现的问题，要建立台账，限期整改，做到件件有着落。",
    "信息公开栏同步更新，接受社会监督。",
]  # fmt: skip
COLUMN_TYPES = ["工作动态", "政策文件", "政策解读", "信息公开目录", "办事服务"]
GENRES = ["通知", "公告", "意见", "通报", "批复", "函", "规划", "统计数据"]
VALIDITY = ["有效", "有效", "有效", "失效", "废止"]

QUERIES: list[tuple[str, dict]] = [
    (q, {})
    for q in [
        "公开", "信息公开", "通知", "社会保险", "社保", "教育", "医疗保险", "供暖", "安全生产",
        "营商环境", "防汛", "就业", "救助", "采购", "统计", "招生", "补贴", "督查", "热线",
        "整改", "长河市", "安宁县 通知", "清源县 教育局", "环境 保护", "政务服务",
    ]
] + [
    ('"政府信息公开"', {}), ('"冬季供暖保障"', {}), ('"营商环境优化"', {}),
    ('"社会保险补贴"', {}), ('"老旧小区改造"', {}),
    ("通知 -教育", {}), ("公告 -财政", {}), ("shebao", {}), ("yibao", {}), ("湿底", {}),
    ("公开", {"column_type": ["政策文件"]}), ("通知", {"validity": ["有效"]}),
    ("教育", {"year": 2025}), ("补贴", {"genre": ["通知"]}), ("医疗保险", {"sites": [1, 2]}),
    ("", {}), ("", {"column_type": ["工作动态"]}), ("", {"sites": [3]}),
    ("供暖", {"sort": "newest"}), ("安全生产", {"sort": "newest"}),
    ("安宁县人民政府 信息公开", {}), ("困难群众救助", {"sites": [4]}),
    ("食品药品", {"year": 2024}), ("重大建设项目", {}), ("行政事业性收费", {}),
]  # fmt: skip


def generate(n: int, seed: int = 20260101):
    """N documents: combinatorial titles and bodies, spread over 8 sites and 6 years."""
    from search.documents import SearchDocument

    rng = random.Random(seed)
    start = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    for i in range(1, n + 1):
        place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
        topic, kind = rng.choice(TOPICS), rng.choice(DOC_TYPES)
        title = f"{place}{agency}关于{rng.choice(ACTIONS)}{topic}{kind}"
        body = "".join(
            rng.choice(SENTENCES).format(
                topic=rng.choice(TOPICS), place=place, agency=place + agency, kind="方案",
                area="县" if "县" in place else "市", n=rng.randint(3, 300),
                m=rng.randint(1, 90), month=rng.randint(1, 12), day=rng.randint(1, 28),
            )
            for _ in range(rng.randint(6, 14))
        )  # fmt: skip
        site = PLACES.index(place) + 1
        # Pages are indexed in publication order, as on a live site (a day of jitter).
        minute = (i * 6 * 365 * 24 * 60) // n + rng.randint(0, 24 * 60)
        published = start + dt.timedelta(minutes=minute)
        yield SearchDocument(
            id=i, site_id=site, site_name=f"{place}网站", site_code=f"61090000{site:02d}",
            column_title="通知公告", column_type=rng.choice(COLUMN_TYPES), content_type="文章",
            organisation=place + agency, title=title, summary=body[:60], body=body,
            attachment_text="", url=f"http://site{site}.localhost/t{i}/",
            published_at=published, updated_at=published,
            document_number=f"{place[:1]}政发〔{published.year}〕{i % 500 + 1}号" if i % 7 == 0 else "",
            topic=topic, genre=rng.choice(GENRES), validity=rng.choice(VALIDITY),
        )  # fmt: skip


MEMO_SIZE = 200_000  # jieba blocks remembered by --memo-tokens (a few hundred bytes each)
MEMO_CHECK = 1000  # documents whose tokens are compared with the uncached ones first


def memoise_index_tokens() -> None:
    """Cache search.text.analyse_block: `analyse` cuts the normalised text into jieba blocks and
    analyses each alone, so a text's tokens and words are its blocks' in order. Checked on the
    first MEMO_CHECK documents before it is used."""
    from functools import lru_cache

    from search import text
    from search.engines.embedded import fulltext_fields
    from search.vocabulary import document_terms

    def outcome() -> list:
        return [(fulltext_fields(d), document_terms(d)) for d in generate(MEMO_CHECK)]

    expected = outcome()
    text.analyse_block = lru_cache(maxsize=MEMO_SIZE)(text.analyse_block)
    if outcome() != expected:
        raise SystemExit("--memo-tokens: cached tokens differ from search.text.analyse")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def search_once(engine, text: str, options: dict):
    """One search as search.service.run_search does it, minus best bets and the query log."""
    from search import grouping, vocabulary, zero_results
    from search.query import SearchRequest
    from search.text import looks_like_identifier, parse_query

    query = parse_query(text)
    vocabulary.expand(query)
    site_ids = options.get("sites")
    if text and looks_like_identifier(text):
        engine.lookup(text, site_ids)
    request = SearchRequest(
        query=query,
        site_ids=site_ids,
        filters={k: v for k, v in options.items() if k in ("column_type", "validity", "genre")},
        year=options.get("year"),
        sort=options.get("sort", "relevance"),
    )
    window = grouping.window_request(request)
    if window is None:
        results = engine.search(request)
    else:  # same-title pages of several sites grouped over the first window, as run_search does
        results = grouping.regroup(engine.search(window), request, None)
    if results.total == 0 and not query.is_empty:
        vocabulary.did_you_mean(query)
        zero_results.build_help(engine, request, None, "all")
    return results


def settle() -> None:
    """On PostgreSQL, VACUUM ANALYZE the fresh index, as autovacuum would before long: the
    visibility map and statistics the plans rely on (this machine's server runs without
    autovacuum). Not part of the index throughput."""
    from django.db import connection

    from search.models import IndexEntry, IndexText

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (IndexEntry, IndexText):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def run_engine(name: str, docs: int, reuse: bool = False, verbose: bool = False) -> None:
    from search import vocabulary
    from search.engines import get_engine, reset_engine

    reset_engine()
    engine = get_engine()
    from tqdm import tqdm

    elapsed = None
    if not (reuse and engine.count() == docs):
        engine.clear()
        bar = tqdm(total=docs, desc=f"{name}: 建立索引", unit="篇", file=sys.stderr)
        began = time.perf_counter()
        engine.rebuild(generate(docs), progress=bar.update)
        elapsed = time.perf_counter() - began
        bar.close()
        settle()
    counts: dict[str, int] = {}
    for document in generate(min(docs, 5000)):
        for term in vocabulary.document_terms(document):
            counts[term] = counts.get(term, 0) + 1
    vocabulary.recount(counts)

    for text, options in QUERIES:  # warm caches once
        search_once(engine, text, options)
    latencies, totals = [], []
    per_query: dict[int, list[float]] = {}
    for _ in range(5):
        for number, (text, options) in enumerate(QUERIES):
            t0 = time.perf_counter()
            results = search_once(engine, text, options)
            took = (time.perf_counter() - t0) * 1000
            latencies.append(took)
            per_query.setdefault(number, []).append(took)
            totals.append(results.total)
    if verbose:
        for number, (text, options) in enumerate(QUERIES):
            print(f"  {statistics.median(per_query[number]):7.1f} ms  {text!r} {options}")
    document = next(generate(1, seed=7))
    document.id = docs // 2
    reindex = []
    for _ in range(20):
        t0 = time.perf_counter()
        engine.index([document])
        reindex.append((time.perf_counter() - t0) * 1000)
    size = engine.size_bytes()
    print(f"\n== {name} ({docs:,} 篇) ==")
    if elapsed is None:
        print("index throughput     (index reused: --reuse)")
    else:
        print(f"index throughput     {docs / elapsed:,.0f} docs/s  ({elapsed:.1f} s)")
    print(f"index size           {size / 1024 / 1024:,.1f} MiB")
    print(f"query p50 / p95      {percentile(latencies, .5):.1f} ms / {percentile(latencies, .95):.1f} ms"
          f"  ({len(QUERIES)} queries x5, max {max(latencies):.1f} ms, median hits {statistics.median(totals):,.0f})")  # fmt: skip
    print(
        f"single-doc re-index  {statistics.median(reindex):.1f} ms median, {max(reindex):.1f} ms max"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--database-url", default="", help="默认使用临时 SQLite 数据库")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="索引已含 N 篇文档时不重建（配合 --database-url 反复测量查询）",
    )
    parser.add_argument("--verbose", action="store_true", help="逐条打印每个查询的耗时")
    parser.add_argument(
        "--memo-tokens",
        action="store_true",
        help="缓存分词块的结果以加快建索引（结果相同；打印的建索引速度不代表真实文本）",
    )
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="jiyue-search-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    engines = [("embedded", "search.engines.embedded.EmbeddedEngine")]
    if os.environ.get("ELASTICSEARCH_URL"):
        engines.append(("elasticsearch", "search.engines.elasticsearch.ElasticsearchEngine"))
    else:
        print("ELASTICSEARCH_URL 未设置：跳过 Elasticsearch。", file=sys.stderr)
    from django.db import connection

    print(f"database: {connection.vendor}")
    if args.memo_tokens:
        memoise_index_tokens()
        print("--memo-tokens: block tokens cached; index throughput is not that of real text")
    for name, path in engines:
        settings.JIYUE_SEARCH_ENGINE = path
        run_engine(name, args.docs, reuse=args.reuse, verbose=args.verbose)


if __name__ == "__main__":
    main()
