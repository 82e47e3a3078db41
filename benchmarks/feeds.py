"""Feed benchmark: one site with a column of N items (published through `publish_page`, the one
publishing path, with attachments on every tenth) in a throwaway SQLite database, then prints p50
and p95 latency of the column feed in each format for the 304 path (If-None-Match) with the
validator cached and with it recomputed from the aggregate query, and for a rebuilt feed (cache
purged before each request), served in-process by Django's test client (DEBUG off).
Targets: 304 p95 < 20 ms, rebuilt p95 < 150 ms (JIYUE_FEED_ITEMS = 50 items per feed).

    python benchmarks/feeds.py [--items 1000] [--requests 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._django import setup_django  # noqa: E402

HOST = "bench.localhost"
# (label, If-None-Match sent, cache purged before each request)
MODES = (
    ("304（校验值已缓存）", True, False),
    ("304（重新计算校验值）", True, True),
    ("200（重新生成）", False, True),
)


def build(items: int) -> int:
    """The site and its column of `items` articles; returns the column id."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents import get_document_model

    from cms.pages.models import ArticleAttachment, ColumnPage
    from fixtures.factories import ArticlePageFactory
    from sites.provisioning import SiteSpec, create_site

    existing = ColumnPage.objects.filter(url_path__startswith="/bench-", slug="gzdt").first()
    if existing is not None:  # a --database-url given again: reuse what it holds
        return existing.pk
    profile = create_site(
        SiteSpec(name="基准测试县人民政府门户网站", hostname=HOST, code="6109990001", level="city")
    )
    column = ColumnPage.objects.descendant_of(profile.site.root_page).get(slug="gzdt")
    document = get_document_model()(title="附件")
    document.file.save("fujian.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    start = timezone.now() - dt.timedelta(days=items + 1)
    for n in range(items):
        article = ArticlePageFactory(
            parent=column, first_published_at=start + dt.timedelta(days=n, hours=n % 24)
        )
        if n % 10 == 0:
            ArticleAttachment.objects.create(page=article, document=document, title="附件1")
    return column.pk


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95


def measure(
    path: str, requests: int, *, conditional: bool, purge: bool
) -> tuple[float, float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.feeds import caching

    client = Client(HTTP_HOST=HOST)
    first = client.get(path)
    assert first.status_code == 200, first.content[:200]
    headers = {"HTTP_IF_NONE_MATCH": first["ETag"]} if conditional else {}
    expected = 304 if conditional else 200
    samples = []
    for _ in range(requests):
        if purge:
            caching.purge()
        started = time.perf_counter()
        response = client.get(path, **headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == expected
    with CaptureQueriesContext(connection) as queries:
        if purge:
            caching.purge()
        client.get(path, **headers)
    p50, p95 = percentiles(samples)
    return p50, p95, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    args = parser.parse_args()

    tmp = setup_django(args.database_url, "jiyue-feeds-bench-", media=True)
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    settings.JIYUE_FEED_CACHE_VALIDATORS = True  # as in production with Redis
    if tmp:
        settings.MEDIA_ROOT = f"{tmp}/media"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    column_id = build(args.items)
    print(f"生成：1 个栏目，{args.items} 条信息，用时 {time.perf_counter() - started:.1f} 秒")
    base = f"/feeds/column/{column_id}/"
    for fmt in ("rss", "atom", "json"):
        path = base if fmt == "rss" else f"{base}?format={fmt}"
        for label, conditional, purge in MODES:
            p50, p95, queries = measure(path, args.requests, conditional=conditional, purge=purge)
            print(f"{fmt:>4} {label}：p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {queries} 条 SQL")
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
