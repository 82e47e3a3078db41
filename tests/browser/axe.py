"""Helpers shared by the browser tests: run the vendored axe-core on a loaded page and report its
serious and critical violations, read the page's mode classes and root font size, and switch to
elderly mode (适老化) through the header toggle."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE_JS

BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the loaded page."""
    # Evaluated, not added as a <script> tag: the pages' Content-Security-Policy refuses inline
    # scripts, and Playwright's evaluation is not subject to it.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def html_classes(page) -> list[str]:
    return page.evaluate("() => Array.from(document.documentElement.classList)")


def root_font_px(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")


def switch_to_elderly_mode(page) -> None:
    with page.expect_navigation():
        page.click("a.elderly-toggle")
    assert "elderly-mode" in html_classes(page)


# Every browser test: one xdist group (one Chromium at a time on two cores) and a live server,
# which needs committed data; serialized_rollback restores the migrations' rows (root page,
# default collection) after the flush, so later tests in this process still find them.
BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
MOBILE_WIDTH = 375
