"""Browser-test fixtures: Debian's Chromium driven by Playwright's sync API against pytest-django's
live server, plus a small published corpus on the shared `cluster`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connections
from wagtail.documents.models import Document
from wagtail.models import Page

from cms.pages.models import ArticleAttachment
from fixtures.factories import ArticlePageFactory
from tests.conftest import CITY_HOST, COUNTY_A_HOST, COUNTY_B_HOST, Cluster

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# Column list long enough to paginate (JIYUE_COLUMN_PAGE_SIZE defaults to 20).
COLUMN_ARTICLES = 23


@pytest.fixture
def browser(live_server, transactional_db) -> Iterator:
    """A Chromium for one test; skipped (or failed in CI) when it is not installed.

    Function-scoped on purpose: while Playwright's loop runs, Django's connection handler (an
    asgiref Local) hands out other connection objects, which lack the serialized data that
    `serialized_rollback` restores between tests. Starting after the database fixture and
    stopping before its flush keeps setup and teardown on the original connection."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} 不存在：运行 `bash scripts/ensure_chromium.sh` 安装 Chromium"
        if os.environ.get("JIYUE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"JIYUE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # Connections opened while the loop ran belong to that context only.
            connections.close_all()


@pytest.fixture
def new_page(browser):
    """Factory for fresh pages, each in its own context (own cookies and localStorage)."""
    contexts = []

    def make(*, width: int = 1280, height: int = 900, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="zh-CN",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@dataclass
class SitePages:
    """URLs (on the live server) of the four kinds of public page the tests visit."""

    portal_home: str
    county_home: str
    column_list: str
    article: str
    sidebar_column: str

    def by_name(self) -> dict[str, str]:
        return {
            "portal_home": self.portal_home,
            "county_home": self.county_home,
            "column_list": self.column_list,
            "article": self.article,
        }


def page_path(page: Page) -> str:
    """Path of `page` within its own site (Wagtail gives absolute URLs across several sites)."""
    return page.get_url_parts()[2]


def host_url(live_server, host: str, path: str = "/") -> str:
    """`live_server` URL on `host`: Chromium resolves *.localhost to loopback by itself."""
    port = urlsplit(live_server.url).port
    return f"http://{host}:{port}{path}"


@pytest.fixture
def site_pages(live_server, cluster: Cluster) -> SitePages:
    """Publish a realistic handful of articles and return the URLs to visit."""
    county_news = cluster.column(cluster.county_a, "gzdt")
    for number in range(COLUMN_ARTICLES):
        ArticlePageFactory.published_days_ago(
            number,
            parent=county_news,
            title=f"安宁县召开第{number + 1}次优化营商环境工作推进会暨重点项目建设调度会",
        )
    ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "zcwj"),
        title="安宁县人民政府关于印发《安宁县城乡居民基本医疗保险实施办法》的通知",
    )
    city_policy = cluster.column(cluster.city, "zcwj")
    ArticlePageFactory(parent=city_policy, title="长河市人民政府关于进一步做好稳就业工作的通知")
    ArticlePageFactory(
        parent=cluster.column(cluster.city, "zcjd"),
        title="一图读懂《长河市进一步做好稳就业工作若干措施》",
    )
    article = ArticlePageFactory(
        parent=cluster.column(cluster.county_b, "gzdt"),
        title="清源县开展“我为群众办实事”便民服务进社区活动",
        source="清源县人民政府办公室",
        summary="活动现场设置政策咨询、社保办理、法律援助等服务台，为社区居民提供面对面服务。",
        body=(
            "<p>5月20日上午，清源县在城关镇幸福社区开展便民服务进社区活动，县人社局、医保局、"
            "司法局等12个部门单位参加。</p>"
            "<p>活动中，工作人员耐心解答群众关于养老保险、医保报销、劳动用工等方面的问题，"
            "现场办理业务86件，发放宣传资料1200余份。</p>"
            "<h2>下一步工作</h2><p>县政务服务中心将把便民服务活动常态化，每月深入一个社区。</p>"
        ),
    )
    document = Document(title="便民服务事项清单")
    document.file.save("bmfw-qingdan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    ArticleAttachment.objects.create(page=article, document=document, title="便民服务事项清单")

    return SitePages(
        portal_home=host_url(live_server, CITY_HOST),
        county_home=host_url(live_server, COUNTY_A_HOST),
        column_list=host_url(live_server, COUNTY_A_HOST, page_path(county_news)),
        article=host_url(live_server, COUNTY_B_HOST, page_path(article)),
        sidebar_column=host_url(
            live_server, COUNTY_B_HOST, page_path(cluster.column(cluster.county_b, "zwgk"))
        ),
    )
