"""Static publishing benchmark (issue 14): a full publish of the demo cluster to a throwaway static
tree (pages/s), then a series of editor actions (new article, 一般修改, 撤稿) spread over the
county sites, each followed by the worker's job, and prints the time from the publish (committed)
to the last dependent file rewritten, p50/p95, with the files rewritten per change. The worker
runs in-process right after each change, so the figure leaves out the worker's poll interval
(`db_worker --interval`). Acceptance: p95 ≤ 1 s on the demo cluster.

    python benchmarks/static_publish.py [--changes 30] [--database-url URL]

Without --database-url a fresh SQLite database is made and the demo cluster loaded into it
(several minutes); with one, the demo cluster must already be loaded there.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._django import setup_django  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tree_dir = tempfile.mkdtemp(prefix="jiyue-static-tree-")
    tmp = setup_django(
        args.database_url,
        "jiyue-static-bench-",
        media=True,
        DJANGO_DEBUG="0",
        JIYUE_STATIC_PUBLISHING="1",
        JIYUE_STATIC_ROOT=tree_dir,
    )
    try:
        run(args, Path(tree_dir), load_demo=tmp is not None)
    finally:
        shutil.rmtree(tree_dir, ignore_errors=True)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, root: Path, *, load_demo: bool) -> None:
    import io

    from django.core.management import call_command
    from wagtail.models import Site

    from cms.core.publishing import publish_page
    from cms.core.update_kinds import UpdateKind
    from cms.pages.models import ArticlePage, ColumnPage
    from cms.pages.withdrawal import withdraw_page
    from cms.review.confidentiality import confirmed
    from cms.staticsite import publishing
    from cms.staticsite.jobs import run_pending
    from cms.staticsite.models import PublishJob
    from fixtures.factories import ArticlePageFactory
    from sites.models import SiteProfile

    if load_demo:
        print("加载演示站群…", flush=True)
        call_command("migrate", verbosity=0)
        call_command("load_demo_cluster", "--today=2026-11-20", stdout=io.StringIO())
    PublishJob.objects.all().delete()

    sites = list(Site.objects.select_related("root_page").order_by("hostname"))
    started = time.perf_counter()
    urls = 0
    for site in sites:
        outcome = publishing.publish_site(site, root)
        urls += outcome.written + outcome.unchanged
    elapsed = time.perf_counter() - started
    publishing.publish_assets(root)
    print(
        f"全量发布：{len(sites)} 个网站，{urls} 个文件，{elapsed:.1f} 秒，{urls / elapsed:.1f} 页/秒"
    )

    counties = list(
        SiteProfile.objects.select_related("site__root_page").filter(level="county")
    ) or list(SiteProfile.objects.select_related("site__root_page"))
    latencies: list[float] = []
    rewritten: list[int] = []
    kinds = ("新稿件", "一般修改", "撤稿")
    with confirmed(reviewer_name="基准测试"):
        for n in range(args.changes):
            profile = counties[n % len(counties)]
            news = ColumnPage.objects.descendant_of(profile.site.root_page).get(slug="gzdt")
            kind = kinds[n % len(kinds)]
            latest = ArticlePage.objects.live().child_of(news).order_by("-pk").first()
            if kind == "新稿件" or latest is None:
                ArticlePageFactory(parent=news, title=f"基准测试稿件第{n}号：全县重点工作推进情况")
            elif kind == "一般修改":
                latest.title = f"{latest.title}（修订{n}）"
                publish_page(latest, update_kind=UpdateKind.MINOR)
            else:
                withdraw_page(latest, reason="基准测试撤稿。")
            committed = time.perf_counter()
            counts = run_pending()
            latencies.append(time.perf_counter() - committed)
            rewritten.append(counts.get("written", 0) + counts.get("removed", 0))
    p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    print(
        f"发布 → 最后一个依赖文件重写（{len(latencies)} 次变更，"
        f"每次平均重写/删除 {statistics.mean(rewritten):.1f} 个文件）："
        f"p50 {p50 * 1000:.0f} ms，p95 {p95 * 1000:.0f} ms（目标 p95 ≤ 1000 ms）"
    )


if __name__ == "__main__":
    main()
