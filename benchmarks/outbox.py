"""Outbox benchmark: publishes N articles on one site in a throwaway SQLite database, routes each
to a WeChat and a Weibo account, and times one worker delivering them against the fake WeChat and
Weibo servers of the tests (real HTTP on 127.0.0.1, tests/fakes): prints deliveries per second
per platform. WeChat is four calls an article after the first (draft/add, freepublish/submit,
freepublish/get; the token and the cover are cached per account), Weibo one.

    python benchmarks/outbox.py [--items 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._django import setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    args = parser.parse_args()
    tmp = setup_django(args.database_url, "jiyue-outbox-bench-")
    from django.conf import settings
    from django.core.management import call_command

    from cms.newmedia import outbox
    from cms.newmedia.delivery import drain
    from cms.newmedia.models import OutboxEntry, Platform, State
    from cms.pages.models import ColumnPage
    from fixtures.factories import ArticlePageFactory
    from fixtures.newmedia import make_account
    from sites.provisioning import SiteSpec, create_site
    from tests.fakes.wechat import FakeWeChat
    from tests.fakes.weibo import FakeWeibo

    call_command("migrate", verbosity=0)
    profile = create_site(
        SiteSpec(
            name="安宁县人民政府门户网站",
            hostname="anning.localhost",
            code="6109000001",
            level="city",
        )
    )
    column = ColumnPage.objects.descendant_of(profile.site.root_page).get(slug="gzdt")
    started = time.perf_counter()
    pages = [ArticlePageFactory(parent=column) for _ in range(args.items)]
    print(f"生成：{len(pages)} 篇文章，用时 {time.perf_counter() - started:.1f} 秒")

    wechat = FakeWeChat().start()
    weibo = FakeWeibo(safe_domains=("anning.localhost",)).start()
    settings.JIYUE_WECHAT_API_BASE = wechat.base_url
    settings.JIYUE_WEIBO_API_BASE = weibo.base_url
    settings.JIYUE_NEWMEDIA_POLL_INTERVAL = 0
    try:
        for platform, fake in ((Platform.WECHAT, wechat), (Platform.WEIBO, weibo)):
            account = make_account(profile, platform=platform, secret="bench-secret")
            if platform == Platform.WECHAT:
                wechat.credentials[account.app_id] = "bench-secret"
            else:
                weibo.tokens["bench-secret"] = account.account_id
            for page in pages:
                outbox.record_publication(
                    page,
                    content_id=str(page.translation_key),
                    revision_id=page.latest_revision_id,
                    site_id=profile.site_id,
                )
            started = time.perf_counter()
            outcome = drain()
            seconds = time.perf_counter() - started
            sent = OutboxEntry.objects.filter(account=account, state=State.SENT).count()
            posted = sum(fake.posts.values())
            labels = "，".join(f"{State(k).label} {v}" for k, v in outcome.items())
            print(
                f"{Platform(platform).label}：{sent} 条已发送（平台计数 {posted}，{labels}），"
                f"{seconds:.2f} 秒，{sent / seconds:.1f} 条/秒"
            )
    finally:
        wechat.stop()
        weibo.stop()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
