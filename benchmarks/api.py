"""App API benchmark: a throwaway SQLite database with one county site whose 法规文件 column holds
N items (half articles, half disclosures, added cheaply below the column rather than through the
editor's publishing path, with one journal row each as their publication would write), then
times in process (Django test client: middleware, ninja, serialisation) the list page, a journal
sync page and a snapshot sync page, and prints p50/p95 and SQL queries per request.
Target: sync page p95 < 100 ms for a column with 1,000 items.

    python benchmarks/api.py [--items 1000] [--requests 60] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._django import setup_django  # noqa: E402

HOST = "anning.localhost"


def build(items: int) -> None:
    from django.utils import timezone

    from cms.api.journal import append
    from cms.disclosure.demo import make_credit_code
    from cms.disclosure.models import DisclosurePage, Organisation, Topic
    from cms.pages.models import ArticlePage, ColumnPage
    from sites.provisioning import SiteSpec, create_site

    create_site(
        SiteSpec(name="长河市人民政府门户网站", hostname="www.localhost", code="6109000001",
                 level="city")
    )  # fmt: skip
    profile = create_site(
        SiteSpec(name="安宁县人民政府门户网站", hostname=HOST, code="6109210001", level="county",
                 parent_hostname="www.localhost")
    )  # fmt: skip
    organisation = Organisation.objects.create(
        name="安宁县人民政府", short_name="安政", credit_code=make_credit_code("610921", 1),
        site=profile,
    )  # fmt: skip
    topic = Topic.objects.filter(parent__isnull=True).first()
    column = ColumnPage.objects.descendant_of(profile.site.root_page).get(slug="fgwj")
    start = timezone.now() - dt.timedelta(days=items)
    body = "<p>" + "各乡镇人民政府，县政府各部门：现将有关事项通知如下。" * 20 + "</p>"
    rows = []
    for n in range(items):
        moment = start + dt.timedelta(days=n)
        common = {"title": f"关于第{n}项工作的通知", "slug": f"i{n:05d}", "live": True,
                  "first_published_at": moment, "last_published_at": moment, "body": body,
                  "summary": f"第{n}项工作的内容概述。"}  # fmt: skip
        if n % 2:
            page = DisclosurePage(
                organisation=organisation, topic=topic, category="fgwj", genre="通知",
                written_date=moment.date(), document_number=f"安政发〔2026〕{n}号", **common,
            )  # fmt: skip
        else:
            page = ArticlePage(source="安宁县人民政府办公室", **common)
        column.add_child(instance=page)
        rows.append((page.pk, str(page.translation_key), True))
    # The journal as the publications (and one edit of each) would have written it.
    append(rows, site_id=profile.site_id, reason="major")
    append(rows, site_id=profile.site_id, reason="minor")


def timed(client, path: str, params: dict, runs: int) -> tuple[list[float], int]:
    from django.db import connection

    client.get(path, params)  # warm caches (site root paths, content types)
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        response = client.get(path, params)
    assert response.status_code == 200, response.content[:300]
    samples, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, params)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    return samples, cpu, len(queries)


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def report(name: str, samples: list[float], cpu: list[float], queries: int) -> None:
    # Wall time includes waiting for a CPU on a busy machine; CPU time is this process's own.
    p50, p95 = percentiles(samples)
    c50, c95 = percentiles(cpu)
    print(
        f"{name:<26} 耗时 p50 {p50:6.1f} ms  p95 {p95:6.1f} ms │ CPU p50 {c50:6.1f} ms"
        f"  p95 {c95:6.1f} ms │ {queries} 条 SQL/请求"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    args = parser.parse_args()
    tmp = setup_django(args.database_url, "jiyue-api-bench-", JIYUE_API_RATE_ANON="1000000")
    from django.core.management import call_command
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from sites.models import SiteProfile

    if not SiteProfile.objects.filter(site__hostname=HOST).exists():  # else: reuse --database-url
        build(args.items)
    print(
        f"生成：1 个栏目 {args.items} 条（文章与公开信息各半），用时 {time.perf_counter() - started:.1f} 秒"
    )
    print(f"负载：{os.getloadavg()[0]:.1f}（{os.cpu_count()} 个 CPU）")

    from cms.api import cursors

    client = Client(HTTP_HOST=HOST)
    cursor = cursors.encode({"k": "6109210001", "p": "j", "s": 0})
    mid_cursor = cursors.encode({"k": "6109210001", "p": "j", "s": args.items // 2})
    runs = args.requests
    report("列表页 /items/ (20 条)", *timed(client, "/api/v1/items/", {"limit": 20}, runs))
    page2 = client.get("/api/v1/items/", {"limit": 20}).json()["next_cursor"]
    report(
        "列表页 第二页 (游标)",
        *timed(client, "/api/v1/items/", {"limit": 20, "cursor": page2}, runs),
    )
    report("同步页 journal (100 条)", *timed(client, "/api/v1/changes/", {"limit": 100, "cursor": cursor}, runs))  # fmt: skip
    report("同步页 journal (100 条, 中段)", *timed(client, "/api/v1/changes/", {"limit": 100, "cursor": mid_cursor}, runs))  # fmt: skip
    report("同步页 snapshot (100 条)", *timed(client, "/api/v1/changes/", {"limit": 100}, runs))
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
