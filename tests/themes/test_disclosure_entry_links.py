"""Citizens can find the catalogue and the online request form (条例 第十二条, 第二十九条): every
site's footer, its 政务公开 column, its 公开指南 and the city portal's 政务公开 block link to
/gkml/, /yisqgk/ and /yisqgk/status/."""

import re

from cms.disclosure.models import GuidePage
from tests.conftest import host_client

ENTRY_HREFS = ('href="/gkml/"', 'href="/yisqgk/"', 'href="/yisqgk/status/"')


def section(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


def assert_entry_links(html: str) -> None:
    for href in ENTRY_HREFS:
        assert href in html, href


def test_every_site_footer_links_catalogue_request_form_and_status(cluster):
    for profile in cluster.all:
        html = host_client(profile.site.hostname).get("/").content.decode()
        assert_entry_links(section(html, r'<footer class="site-footer">.*?</footer>'))


def test_disclosure_column_and_guide_link_the_request_form(cluster):
    for profile in (cluster.city, cluster.county_a):
        client = host_client(profile.site.hostname)
        column = client.get("/zwgk/")
        assert column.status_code == 200
        assert_entry_links(section(column.content.decode(), r"<main.*?</main>"))
        guide = GuidePage.objects.live().descendant_of(profile.site.root_page).first()
        page = client.get(guide.url_path[len(profile.site.root_page.url_path) - 1 :])
        assert page.status_code == 200
        body = section(page.content.decode(), r"<main.*?</main>")
        assert "网上查阅与申请" in body
        assert_entry_links(body)


def test_portal_has_a_disclosure_block_with_the_cluster_catalogue(cluster):
    html = host_client(cluster.city.site.hostname).get("/").content.decode()
    block = section(html, r'<section class="home-block disclosure-block".*?</section>')
    assert_entry_links(block)
    assert 'href="/gkml/?scope=cluster"' in block
