"""Issue 15 items 1, 6 and 7 in a real Chromium, at desktop width and on a 390 px phone: a county
site's 404 and 500 pages, the article tools (QR code, 字号, 上一篇/下一篇, print stylesheet) and
the 图片新闻 block; axe-core finds no serious or critical violation on any of them."""

from __future__ import annotations

import os
from pathlib import Path

from django.test import RequestFactory

from fixtures.factories import ArticlePageFactory, demo_image
from tests.browser.axe import BROWSER_TEST_MARKS, axe_violations, describe
from tests.browser.conftest import host_url, page_path
from tests.conftest import COUNTY_A_HOST
from themes.errors import server_error

pytestmark = BROWSER_TEST_MARKS
WIDTHS = (1280, 390)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def screenshot(page, name: str) -> None:
    """With JIYUE_SCREENSHOT_DIR set, keep a full-page picture to look at the layout."""
    folder = os.environ.get("JIYUE_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def check_axe(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe(violations)}"


def test_404_and_500_pages_of_a_county_site(new_page, live_server, cluster):
    # The 500 page as the handler renders it for this host (it needs no database, so it is
    # rendered here and handed to Chromium for a URL of the live server: CSS loads as usual).
    request = RequestFactory(HTTP_HOST=COUNTY_A_HOST).get("/")
    error_html = server_error(request).content.decode()
    for width in WIDTHS:
        page = new_page(width=width)
        response = page.goto(host_url(live_server, COUNTY_A_HOST, "/no-such-page/"))
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "页面不存在"
        assert cluster.county_a.canonical_name in page.locator(".site-name").inner_text()
        assert page.locator(".site-footer").is_visible()
        assert page.locator("#error-search-q").is_visible()
        assert no_sideways_scroll(page)
        check_axe(page, f"404 at {width}px")
        screenshot(page, f"county-404-{width}")
        page.fill("#error-search-q", "社保")
        with page.expect_navigation():
            page.click(".error-search button")
        assert "/search/?q=%E7%A4%BE%E4%BF%9D" in page.url

        page.route(
            "**/boom/",
            lambda route: route.fulfill(
                status=500, body=error_html, content_type="text/html; charset=utf-8"
            ),
        )
        response = page.goto(host_url(live_server, COUNTY_A_HOST, "/boom/"))
        assert response is not None and response.status == 500
        assert page.locator("h1").inner_text() == "服务器错误"
        assert page.locator(".error-home").get_attribute("href") == "/"
        # The shared stylesheet applied: the panel is styled, the emblem sized.
        assert (
            page.evaluate(
                "() => getComputedStyle(document.querySelector('.error-panel')).borderTopStyle"
            )
            == "solid"
        )
        assert no_sideways_scroll(page)
        check_axe(page, f"500 at {width}px")
        screenshot(page, f"county-500-{width}")


def body_font_px(page) -> float:
    return page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.article-body')).fontSize)"
    )


def test_article_tools(new_page, live_server, cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    older = ArticlePageFactory.published_days_ago(3, parent=column, title="安宁县较早的一篇新闻")
    article = ArticlePageFactory.published_days_ago(2, parent=column, title="安宁县当中的一篇新闻")
    newer = ArticlePageFactory.published_days_ago(1, parent=column, title="安宁县较新的一篇新闻")
    url = host_url(live_server, COUNTY_A_HOST, page_path(article))

    for width in WIDTHS:
        page = new_page(width=width)
        page.goto(url)
        qr = page.locator(".page-qr img")
        qr.scroll_into_view_if_needed()
        assert qr.is_visible()
        assert page.evaluate("() => document.querySelector('.page-qr img').naturalWidth") > 0
        assert "手机扫码浏览" in page.locator(".page-qr figcaption").inner_text()
        assert page.locator(".print-button").is_visible()
        assert no_sideways_scroll(page)
        check_axe(page, f"article at {width}px")
        screenshot(page, f"article-{width}")

        medium = body_font_px(page)
        page.click(".font-size-tools [data-font-size='large']")
        large = body_font_px(page)
        assert large > medium
        assert (
            page.get_attribute(".font-size-tools [data-font-size='large']", "aria-pressed")
            == "true"
        )
        page.reload()  # remembered in localStorage
        assert body_font_px(page) == large
        page.click(".font-size-tools [data-font-size='small']")
        assert body_font_px(page) < medium
        page.click(".font-size-tools [data-font-size='medium']")
        assert body_font_px(page) == medium

        with page.expect_navigation():
            page.click(".article-neighbours a[rel='prev']")
        assert page.locator("h1").inner_text() == newer.title
        page.go_back()
        with page.expect_navigation():
            page.click(".article-neighbours a[rel='next']")
        assert page.locator("h1").inner_text() == older.title
        page.go_back()

        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.main-nav', '.article-tools-actions', '.article-neighbours', '.toolbar']
                .map(s => getComputedStyle(document.querySelector(s)).display)"""
        )
        assert hidden == ["none"] * 4
        assert page.locator(".article-body").is_visible()
        assert page.locator(".page-qr img").is_visible()  # the printout keeps the QR code
        page.emulate_media(media="screen")
        assert page.locator(".main-nav").is_visible()


def test_picture_news_block(new_page, live_server, cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    for seed, title in enumerate(
        ("安宁县春耕生产全面展开", "安宁县新建便民服务中心投用", "安宁县举办农民丰收节"), 1
    ):
        ArticlePageFactory.published_days_ago(
            seed,
            parent=column,
            title=title,
            cover_image=demo_image(title, seed=seed),
            cover_alt=f"{title}的现场照片",
        )
    for width in WIDTHS:
        page = new_page(width=width)
        page.goto(host_url(live_server, COUNTY_A_HOST))
        images = page.locator(".picture-news img")
        assert images.count() == 3
        for index in range(3):
            image = images.nth(index)
            image.scroll_into_view_if_needed()  # loading="lazy": fetched when near the viewport
            image.evaluate("img => img.decode()")
            assert image.get_attribute("loading") == "lazy"
            assert image.get_attribute("alt").endswith("的现场照片")
            loaded = image.evaluate("img => [img.naturalWidth, img.currentSrc]")
            assert loaded[0] > 0 and "/media/images/" in loaded[1]
        assert no_sideways_scroll(page)
        check_axe(page, f"county home with pictures at {width}px")
        screenshot(page, f"county-home-pictures-{width}")
