"""The Content-Security-Policy in a real Chromium (cms/core/csp.py): one page of each public kind
and the admin's login, dashboard, article editor (attachments panel, document chooser, schedule
dialog) raise no `securitypolicyviolation`, and axe-core still finds no serious or critical
problem on the public pages. The listener is an init script and axe is evaluated, so neither is
subject to the page's policy, which stays on (no bypass_csp)."""

from __future__ import annotations

from fixtures.factories import ArticlePageFactory
from tests.browser.axe import BROWSER_TEST_MARKS, axe_violations, describe
from tests.browser.conftest import SitePages, host_url
from tests.conftest import COUNTY_A_HOST

pytestmark = BROWSER_TEST_MARKS

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}: `
  + ((e.target && e.target.outerHTML) || '').slice(0, 160)));
"""


def violations(page) -> list[str]:
    page.wait_for_load_state("load")
    return page.evaluate("() => window.__cspViolations")


def listening_page(new_page):
    page = new_page()
    page.context.add_init_script(LISTEN)
    return page


def test_public_pages_and_the_admin_work_under_the_policy(
    new_page, live_server, cluster, make_user, site_pages: SitePages
):
    # One test, one transactional set-up: the public pages, then the admin.
    page = listening_page(new_page)
    urls = [
        site_pages.portal_home,
        site_pages.column_list,
        site_pages.article,
        # The search page without a query: a query in a transactional browser test leaves FTS5
        # segment rows that the next test's serialized rollback collides with.
        host_url(live_server, COUNTY_A_HOST, "/search/"),
        host_url(live_server, COUNTY_A_HOST, "/yisqgk/"),
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert violations(page) == [], url
        found = axe_violations(page)
        assert not found, f"{url}:\n{describe(found)}"

    make_user("csp-editor", groups=[cluster.county_a.editors_group])
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="稿件")
    admin = host_url(live_server, COUNTY_A_HOST, "/admin/")
    page = listening_page(new_page)

    page.goto(admin + "login/")
    assert violations(page) == []
    page.fill("#id_username", "csp-editor")
    page.fill("#id_password", "pw")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url == admin
    assert violations(page) == []

    page.goto(admin + f"pages/{article.pk}/edit/")
    page.wait_for_selector(".Draftail-Editor")
    # Draftail's own <style> elements were applied (they got the nonce), not just tolerated.
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('.Draftail-Editor style'))"
        ".every((s) => s.sheet !== null)"
    )
    page.click("#id_attachments-ADD")  # the inline panel's script ran
    page.click("[id^=id_attachments-0] .chooser__choose-button")  # the chooser's script ran
    page.wait_for_selector(".modal-content")
    assert violations(page) == []
    # The schedule dialog's date-time pickers were initialised by their (nonce'd) scripts.
    assert page.evaluate("() => typeof jQuery('#id_go_live_at').datetimepicker === 'function'")
    assert page.locator(".xdsoft_datetimepicker").count() >= 2
