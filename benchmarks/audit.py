"""Audit benchmark: generates a cluster of N sites and P pages cheaply (bulk inserts of pages and
their treebeard paths, not the editor's publishing path) in a throwaway SQLite database, then runs
the whole inspection self-check and prints the seconds and SQL queries it took, and the time to
store the daily snapshot. Target: 100 sites, 100,000 pages under 60 s; the query count does not
depend on the number of pages (tests/cms/audit/test_engine.py holds that as a budget).

    python benchmarks/audit.py [--sites 100] [--pages 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._django import setup_django  # noqa: E402

COLUMNS = (
    ("工作动态", "gzdt", "工作动态"),
    ("部门动态", "bmdt", "工作动态"),
    ("通知公告", "tzgg", "工作动态"),
    ("政策文件", "zcwj", "政策文件"),
    ("政策解读", "zcjd", "政策解读"),
    ("统计信息", "tjxx", "数据发布"),
    ("规划计划", "ghjh", "政策文件"),
    ("人事信息", "rsxx", "工作动态"),
    ("互动交流", "hdjl", "咨询投诉"),
    ("办事服务", "bsfw", "办事服务"),
)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(n: int) -> str:
    """Treebeard's 4-character base-36 path step for child number n (1-based)."""
    out = ""
    for _ in range(4):
        n, digit = divmod(n, 36)
        out = ALPHABET[digit] + out
    return out


def insert_children(model, rows: list[dict]) -> None:
    """Raw multi-row insert of the subclass table of a multi-table page model."""
    from django.db import connection

    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    values = []
    for row in rows:
        values.append(
            [
                f.get_db_prep_save(
                    row[f.attname] if f.attname in row else f.get_default(), connection
                )
                for f in fields
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def generate(n_sites: int, n_pages: int, today: dt.date) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from cms.disclosure.demo import make_credit_code
    from cms.disclosure.models import DisclosurePage, Organisation
    from cms.pages.models import ArticlePage, ColumnPage, HomePage
    from sites.models import SiteProfile

    rng = random.Random(20261201)
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    ct = {
        m: ContentType.objects.get_for_model(m)
        for m in (HomePage, ColumnPage, ArticlePage, DisclosurePage)
    }
    first_child = root.get_children().count() + 1
    per_site = n_pages // n_sites

    def page(model, path, depth, title, slug, url_path, numchild=0, published=None, live=True):
        published = published or timezone.now()
        return Page(
            content_type=ct[model], path=path, depth=depth, numchild=numchild, title=title,
            draft_title=title, slug=slug, url_path=url_path, live=live, locale=locale,
            translation_key=uuid.uuid4(), first_published_at=published if live else None,
            last_published_at=published if live else None,
        )  # fmt: skip

    with transaction.atomic():
        homes, columns, items = [], [], []
        for s in range(n_sites):
            home_path = root.path + step(first_child + s)
            slug = f"bench{s:03d}"
            homes.append(
                page(HomePage, home_path, 2, f"测试网站{s:03d}", slug, f"/{slug}/", len(COLUMNS))
            )
            # Every third site leaves 互动交流 and 办事服务 empty; the others share its pages.
            empty_slugs = {"hdjl", "bsfw"} if s % 3 == 0 else set()
            filled = len(COLUMNS) - len(empty_slugs)
            for c, (title, cslug, ctype) in enumerate(COLUMNS):
                col_path = home_path + step(c + 1)
                count = 0 if cslug in empty_slugs else -(-(per_site - len(COLUMNS) - 1) // filled)
                columns.append(
                    (page(ColumnPage, col_path, 3, title, cslug, f"/{slug}/{cslug}/", count), ctype)
                )
                for i in range(count):
                    age = rng.randint(0, 400)
                    published = timezone.make_aware(
                        dt.datetime.combine(today - dt.timedelta(days=age), dt.time(9))
                    )
                    model = DisclosurePage if ctype == "政策文件" or i % 3 == 0 else ArticlePage
                    items.append(
                        page(model, col_path + step(i + 1), 4, f"{title}第{i}号", f"i{i}",
                             f"/{slug}/{cslug}/i{i}/", 0, published)
                    )  # fmt: skip
        Page.objects.filter(pk=root.pk).update(numchild=root.numchild + n_sites)
        Page.objects.bulk_create(homes, batch_size=2000)
        Page.objects.bulk_create([c for c, _ in columns], batch_size=2000)
        Page.objects.bulk_create(items, batch_size=2000)
        ids = dict(
            Page.objects.filter(path__startswith=root.path, depth__gte=2).values_list("path", "id")
        )
        insert_children(HomePage, [{"page_ptr_id": ids[h.path]} for h in homes])
        insert_children(
            ColumnPage,
            [
                {
                    "page_ptr_id": ids[c.path],
                    "column_type": ctype,
                    "description": c.title,
                    "keywords": c.title,
                }
                for c, ctype in columns
            ],
        )
        profiles = []
        for s, home in enumerate(homes):
            site = Site.objects.create(
                hostname=f"bench{s:03d}.localhost", port=80, root_page_id=ids[home.path]
            )
            profiles.append(
                SiteProfile(
                    site=site, canonical_name=home.title, site_code=f"61099{s:05d}", sponsor=home.title,
                    level="county" if s % 4 else "department", default_source=home.title, sort_order=s,
                )
            )  # fmt: skip
        SiteProfile.objects.bulk_create(profiles)
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"{p.canonical_name}办公室", credit_code=make_credit_code("610999", s + 1),
                site_id=p.pk,
            )
            for s, p in enumerate(SiteProfile.objects.filter(site__hostname__startswith="bench").order_by("sort_order"))
        )  # fmt: skip
        org_by_home = {homes[s].path: org.pk for s, org in enumerate(orgs)}
        articles, disclosures = [], []
        for item in items:
            if item.content_type_id == ct[ArticlePage].id:
                articles.append({"page_ptr_id": ids[item.path], "body": "<p>正文</p>"})
            else:
                published = timezone.localtime(item.first_published_at).date()
                written = published - dt.timedelta(days=rng.choice((3, 10, 20, 27, 35)))
                disclosures.append(
                    {
                        "page_ptr_id": ids[item.path], "organisation_id": org_by_home[item.path[:8]],
                        "index_number": f"BENCH/{ids[item.path]}", "written_date": written,
                        "category": "xzfg", "summary": "摘要", "body": "<p>正文</p>",
                    }
                )  # fmt: skip
        insert_children(ArticlePage, articles)
        insert_children(DisclosurePage, disclosures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    args = parser.parse_args()

    tmp = setup_django(args.database_url, "jiyue-audit-bench-")
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cms.audit.engine import run_audit
    from cms.audit.history import record

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    generate(args.sites, args.pages, today)
    from wagtail.models import Page

    print(
        f"生成：{args.sites} 个网站，{Page.objects.count()} 个页面，用时 {time.perf_counter() - started:.1f} 秒"
    )

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = run_audit(None, today)
        audit_seconds = time.perf_counter() - started
    findings = len(result.all_findings())
    registered = sum(len(s.register) for s in result.sites)
    print(
        f"检查：{audit_seconds:.2f} 秒，{len(queries)} 条 SQL，{findings} 项发现，"
        f"{registered} 条按时公开登记，{sum(s.veto for s in result.sites)} 个网站单项否决"
    )
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        record(result)
        print(f"保存每日快照：{time.perf_counter() - started:.2f} 秒，{len(queries)} 条 SQL")
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
