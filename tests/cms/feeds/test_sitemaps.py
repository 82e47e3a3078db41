"""sitemap.xml per site: an index and parts of at most JIYUE_SITEMAP_URLS URLs, the site's own
home, columns and publicly listable pages, `lastmod` from major updates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.pages.models import ColumnPage
from cms.pages.queries import publicly_listable
from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parts(host: str = COUNTY_A_HOST) -> list[str]:
    response = host_client(host).get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def urls(part_url: str, host: str = COUNTY_A_HOST) -> dict[str, str | None]:
    path = re.sub(r"^https?://[^/]+", "", part_url)
    root = ET.fromstring(host_client(host).get(path).content)
    return {
        node.find("s:loc", NS).text: getattr(node.find("s:lastmod", NS), "text", None)
        for node in root.findall("s:url", NS)
    }


def all_urls(host: str = COUNTY_A_HOST) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for part in parts(host):
        found.update(urls(part, host))
    return found


def expected_count(cluster) -> int:
    """Home + columns + publicly listable pages (provisioning adds a few, e.g. 公开指南)."""
    root = cluster.county_a.site.root_page
    columns = ColumnPage.objects.descendant_of(root).live().count()
    return 1 + columns + publicly_listable(root).count()


def test_sitemap_holds_home_columns_and_own_pages_only(cluster, news):
    article = ArticlePageFactory(parent=news)
    other = ArticlePageFactory(parent=cluster.column(cluster.county_b, "gzdt"))
    found = all_urls()
    assert "http://anning.localhost/" in found
    assert article.get_full_url() in found
    assert len(found) == expected_count(cluster)
    assert not any(other.slug in url for url in found)
    assert other.get_full_url() in all_urls(COUNTY_B_HOST)


def test_sitemap_is_split_into_parts(cluster, news, settings):
    settings.JIYUE_SITEMAP_URLS = 5
    for _ in range(7):
        ArticlePageFactory(parent=news)
    total = expected_count(cluster)
    found_parts = parts()
    assert len(found_parts) == -(-total // 5)
    sizes = [len(urls(part)) for part in found_parts]
    assert all(size <= 5 for size in sizes)
    assert sum(sizes) == total == len(all_urls())
    assert host_client(COUNTY_A_HOST).get(f"/sitemap-{len(found_parts) + 1}.xml").status_code == 404


def test_lastmod_moves_on_major_updates_only(news):
    article = ArticlePageFactory.published_days_ago(5, parent=news)
    loc = article.get_full_url()
    before = all_urls()[loc]
    assert before and before.endswith("+08:00")
    publish_page(article, update_kind=UpdateKind.MINOR, change_note="更正错别字")
    assert all_urls()[loc] == before
    publish_page(article, update_kind=UpdateKind.MAJOR)
    assert all_urls()[loc] > before
