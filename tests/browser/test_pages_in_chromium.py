"""The public pages in a real Chromium: axe-core finds no serious or critical WCAG problems in
normal and elderly mode (适老化), the pages work by keyboard and without JavaScript, the in-page
zoom persists, small screens never scroll sideways and list dates sit right-aligned."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser.axe import (
    BROWSER_TEST_MARKS,
    MOBILE_WIDTH,
    axe_violations,
    describe,
    html_classes,
    root_font_px,
    switch_to_elderly_mode,
)
from tests.browser.conftest import SitePages, host_url
from tests.conftest import CITY_HOST

pytestmark = BROWSER_TEST_MARKS

PAGE_NAMES = ["portal_home", "county_home", "column_list", "article", "sidebar_column"]
MIN_TARGET_PX = 44  # WCAG 2.5.5 / MIIT 适老化 click-target size


def tab_to(page, condition_js: str, what: str, limit: int = 12) -> None:
    """Press Tab from the current focus until `condition_js` holds; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {condition_js}"):
            return
    pytest.fail(f"{what}无法通过 Tab 键到达")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_passes_axe_in_normal_and_elderly_mode(new_page, site_pages: SitePages, name):
    page = new_page()
    url = {**site_pages.by_name(), "sidebar_column": site_pages.sidebar_column}[name]
    response = page.goto(url)
    assert response is not None and response.status == 200
    assert "elderly-mode" not in html_classes(page)
    violations = axe_violations(page)
    assert not violations, f"{name} (normal):\n{describe(violations)}"

    switch_to_elderly_mode(page)
    assert page.url == url  # the toggle returns to the page it was clicked on
    assert root_font_px(page) >= 20
    violations = axe_violations(page)
    assert not violations, f"{name} (elderly):\n{describe(violations)}"

    # The server-side cookie keeps the mode on the next page of the same site.
    with page.expect_navigation():
        page.click(".main-nav-list a >> nth=0")
    assert "elderly-mode" in html_classes(page)


def test_elderly_mode_styles(new_page, site_pages: SitePages):
    page = new_page()
    page.goto(site_pages.column_list)
    normal_font = root_font_px(page)
    switch_to_elderly_mode(page)
    styles = page.evaluate(
        """() => {
          const css = (selector) => getComputedStyle(document.querySelector(selector));
          const heights = (selector) => Array.from(document.querySelectorAll(selector))
            .map((el) => el.getBoundingClientRect().height);
          return {
            bodyLineHeight: parseFloat(css('body').lineHeight) / parseFloat(css('body').fontSize),
            h1: parseFloat(css('h1').fontSize),
            base: parseFloat(css('html').fontSize),
            bannerImage: css('.banner').backgroundImage,
            cursor: css('body').cursor,
            linkCursor: css('.item-list a').cursor,
            linkDecoration: css('.item-list a').textDecorationLine,
            targets: [
              ...heights('.main-nav-list a'), ...heights('.item-list a'),
              ...heights('.toolbar-links a'), ...heights('.pagination a'),
              ...heights('.zoom-btn'),
            ],
          };
        }"""
    )
    assert styles["base"] >= 20 > normal_font
    assert styles["h1"] > styles["base"] * 1.4
    assert styles["bodyLineHeight"] >= 1.8
    assert styles["bannerImage"] == "none"
    assert "cursor-arrow.svg" in styles["cursor"]
    assert "cursor-hand.svg" in styles["linkCursor"]
    assert styles["linkDecoration"] == "underline"
    assert min(styles["targets"]) >= MIN_TARGET_PX, styles["targets"]


def test_keyboard_reaches_skip_link_first_and_toggles_elderly_mode(new_page, site_pages):
    page = new_page()
    page.goto(site_pages.column_list)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " top: document.activeElement.getBoundingClientRect().top})"
    )
    assert focused["cls"] == "skip-link"
    assert focused["top"] >= 0  # shown on screen when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    page.goto(site_pages.column_list)
    tab_to(page, "document.activeElement.classList.contains('elderly-toggle')", "长者模式开关")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "elderly-mode" in html_classes(page)

    # The zoom buttons are in the tab order and work with Enter too.
    before = root_font_px(page)
    tab_to(page, "document.activeElement.dataset.zoom === 'in'", "A+ 按钮")
    page.keyboard.press("Enter")
    assert root_font_px(page) > before


def test_zoom_buttons_scale_the_page_and_persist(new_page, site_pages: SitePages):
    page = new_page()
    page.goto(site_pages.article)
    base = root_font_px(page)
    page.click(".zoom-btn[data-zoom='in']")
    page.click(".zoom-btn[data-zoom='in']")
    zoomed = root_font_px(page)
    assert zoomed == pytest.approx(base * 1.3)
    assert "130%" in page.text_content(".zoom-status")

    page.goto(site_pages.article)  # another load on the same origin keeps the zoom
    assert root_font_px(page) == pytest.approx(zoomed)
    page.click(".zoom-btn[data-zoom='reset']")
    assert root_font_px(page) == pytest.approx(base)
    assert page.get_attribute(".zoom-btn[data-zoom='reset']", "aria-disabled") == "true"


def test_pages_work_without_javascript(new_page, site_pages: SitePages):
    page = new_page(javascript=False)
    page.goto(site_pages.county_home)
    assert not page.is_visible(".zoom-tools")  # JS-only controls stay out of the way
    with page.expect_navigation():
        page.click("a.elderly-toggle")
    assert "elderly-mode" in html_classes(page)
    assert root_font_px(page) >= 20


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_small_screens_never_scroll_sideways(new_page, site_pages: SitePages, elderly):
    page = new_page(width=MOBILE_WIDTH, height=800)
    urls = [*site_pages.by_name().values(), site_pages.sidebar_column]
    for url in urls:
        page.goto(url)
        if elderly and "elderly-mode" not in html_classes(page):
            switch_to_elderly_mode(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url}: {overflow}px horizontal scroll"


def test_list_dates_are_right_aligned(new_page, site_pages: SitePages):
    page = new_page()
    page.goto(site_pages.column_list)
    gaps = page.evaluate(
        """() => Array.from(document.querySelectorAll('.column-main .item')).map((item) => {
          const date = item.querySelector('time');
          const box = item.getBoundingClientRect();
          return date ? box.right - date.getBoundingClientRect().right : null;
        })"""
    )
    assert len(gaps) == 20 and None not in gaps
    assert max(gaps) <= 1
    assert page.is_visible(".pagination a[rel='next']")


def test_mourning_mode_greys_the_page(new_page, site_pages: SitePages, cluster):
    cluster.city.mourning_mode = True
    cluster.city.save(update_fields=["mourning_mode"])
    page = new_page()
    page.goto(site_pages.portal_home)
    assert "mourning-mode" in html_classes(page)
    assert page.evaluate("() => getComputedStyle(document.documentElement).filter") == (
        "grayscale(1)"
    )


@pytest.mark.skipif(
    not os.environ.get("JIYUE_SCREENSHOT_DIR"),
    reason="set JIYUE_SCREENSHOT_DIR to take screenshots",
)
def test_take_screenshots(new_page, site_pages: SitePages, live_server):
    """Not a check: renders every page in both modes at desktop and mobile widths for review."""
    out = Path(os.environ["JIYUE_SCREENSHOT_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    urls = {**site_pages.by_name(), "sidebar_column": site_pages.sidebar_column}
    urls["city_column"] = host_url(live_server, CITY_HOST, "/zcwj/")
    taken = []
    for width, label in ((1280, "desktop"), (MOBILE_WIDTH, "mobile")):
        for mode in ("normal", "elderly"):
            page = new_page(width=width, height=900)
            for name, url in urls.items():
                page.goto(url)
                if mode == "elderly" and "elderly-mode" not in html_classes(page):
                    switch_to_elderly_mode(page)
                path = out / f"{name}-{mode}-{label}.png"
                page.screenshot(path=str(path), full_page=True)
                taken.append(path.name)
    print(json.dumps(taken, ensure_ascii=False))
