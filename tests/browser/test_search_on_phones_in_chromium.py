"""The search results page on a 390 px phone in a real Chromium (issue 15 item 3): the first result
is within the first screen (the facets, about 40 lines, used to come first and push it ≈ 2,100 px
down), the facets open from the 筛选 button, the page's search box is the header's component, and
axe-core finds no serious or critical problem. On a desktop the facets stay open beside the
results. A screenshot of the phone page is saved under the test's tmp directory."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fixtures.factories import ArticlePageFactory
from search import indexing
from tests.browser.axe import BROWSER_TEST_MARKS, axe_violations, describe
from tests.browser.conftest import host_url
from tests.conftest import COUNTY_A_HOST, Cluster

pytestmark = BROWSER_TEST_MARKS

PHONE = {"width": 390, "height": 844}
QUERY = "营商环境"


@pytest.fixture
def search_url(live_server, cluster: Cluster) -> str:
    """Enough matches over sites, columns and years for a long facet list, as in the demo."""
    now = timezone.now()
    sites = [cluster.county_a, cluster.county_b, cluster.city]
    columns = ["gzdt", "tzgg", "zcwj"]
    for number in range(9):
        ArticlePageFactory(
            parent=cluster.column(sites[number % 3], columns[number // 3]),
            title=f"关于进一步优化营商环境的第{number + 1}项措施",
            summary="围绕市场主体关切，压减审批时限，推进“一网通办”。",
            first_published_at=now - dt.timedelta(days=200 * number),
        )
    indexing.rebuild()
    return host_url(live_server, COUNTY_A_HOST, f"/search/?q={QUERY}&scope=all")


def test_search_results_come_first_on_a_phone(new_page, search_url, tmp_path):
    page = new_page(**PHONE)
    response = page.goto(search_url)
    assert response is not None and response.status == 200
    first = page.locator(".search-result").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"], first
    # The facets are behind 筛选, closed; the page's one visible search box is the header's
    # component (same classes), prefilled with the query.
    facets = page.locator(".search-facets a").first
    assert not facets.is_visible()
    boxes = page.locator("form.search-box")
    assert boxes.count() == 2 and not boxes.first.is_visible()
    band = page.locator(".search-band .search-box-input")
    assert band.is_visible() and band.input_value() == QUERY
    assert page.locator(".banner .search-box-button").evaluate(
        "(el) => getComputedStyle(el).fontWeight"
    ) == page.locator(".search-band .search-box-button").evaluate(
        "(el) => getComputedStyle(el).fontWeight"
    )
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.screenshot(path=str(tmp_path / "search-390.png"), full_page=False)
    print(f"\n[search @ {PHONE['width']}px] first result at {first['y']:.0f}px; {tmp_path}")

    page.click("summary.search-filters-toggle")
    assert facets.is_visible()
    violations = axe_violations(page)
    assert not violations, f"search @ {PHONE['width']}px:\n{describe(violations)}"

    desktop = new_page(width=1280)
    desktop.goto(search_url)
    sidebar = desktop.locator(".search-facets a").first
    assert sidebar.is_visible()
    results = desktop.locator(".search-result").first.bounding_box()
    assert sidebar.bounding_box()["x"] < results["x"]
