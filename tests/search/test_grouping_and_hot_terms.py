"""Search results a citizen can use (issue 15 item 4): same-title boilerplate pages of several
sites become one result with 另有 N 个网站, below real content; a search that finds nothing
offers suggestions instead of a dead end; 热词 count distinct clients a day (one client repeating
a query cannot push it up, and no address is stored); administrators hide terms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.core.publishing import publish_page
from cms.interaction.faq import FaqPage
from fixtures.factories import ArticlePageFactory
from search import indexing
from search.hot_terms import public_hot_terms
from search.models import HiddenTerm, QueryLog
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

BOILERPLATE = "网站隐私保护声明"


@pytest.fixture
def indexed(cluster, embedded):
    """The same boilerplate page on every site, one page of real content about it, a FAQ."""
    for profile in cluster.all:
        ArticlePageFactory(
            parent=cluster.column(profile, "tzgg"),
            title=BOILERPLATE,
            summary="本网站尊重并保护所有使用服务用户的个人隐私权。",
        )
    ArticlePageFactory(
        parent=cluster.column(cluster.county_b, "gzdt"),
        title="清源县开展网站隐私保护专项检查",
        summary="检查各部门网站隐私保护声明落实情况。",
    )
    publish_page(
        FaqPage(title="城乡居民医保在哪里缴费", slug="yibao", answer="<p>可在便民服务站缴费。</p>"),
        parent=cluster.column(cluster.county_a, "gzdt"),
    )
    indexing.rebuild()
    return cluster


def api(host: str, **params) -> dict:
    response = host_client(host).get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def test_same_title_pages_of_several_sites_are_one_result_below_real_content(indexed):
    data = api(COUNTY_A_HOST, q="隐私保护", scope="all")
    titles = [hit["title"] for hit in data["results"]]
    assert titles == ["清源县开展网站隐私保护专项检查", BOILERPLATE]
    group = data["results"][1]
    # The searcher's own site's copy leads; the other sites' copies are under it.
    assert group["site"]["id"] == indexed.county_a.site_id
    assert len(group["others"]) == len(indexed.all) - 1
    assert data["total"] == len(indexed.all) + 1
    html = host_client(COUNTY_A_HOST).get("/search/", {"q": "隐私保护", "scope": "all"})
    assert f"另有 {len(indexed.all) - 1} 个网站" in html.content.decode()


def test_zero_results_offer_corrections_synonyms_hot_terms_and_guides(indexed):
    QueryLog.objects.create(query="医保", results=3, client="a" * 32, site_id=None)
    QueryLog.objects.create(query="不当词语", results=3, client="b" * 32, site_id=None)
    HiddenTerm.objects.create(term="不当词语")
    data = api(CITY_HOST, q="社保卡 量子纠缠", scope="all")
    assert data["total"] == 0
    help = data["help"]
    assert "社会保险" in help["synonyms"]
    assert "医保" in help["hot_terms"] and "不当词语" not in help["hot_terms"]
    assert [g["content_type"] for g in help["guides"]] == ["常见问题"]
    # A word of the query finds the guide; on one site the cluster is offered too.
    data = api(COUNTY_A_HOST, q="医保 量子纠缠", scope="site")
    assert [g["title"] for g in data["help"]["guides"]] == ["城乡居民医保在哪里缴费"]
    html = host_client(COUNTY_A_HOST).get("/search/", {"q": "医保 量子纠缠"}).content.decode()
    assert "在全站群中搜索" in html and "办事指南与常见问题" in html and "搜索小贴士" in html


def test_hot_terms_count_distinct_clients_not_repeats(indexed):
    repeater = host_client(COUNTY_A_HOST)
    for _ in range(5):
        repeater.get("/search/", {"q": "隐私保护"}, REMOTE_ADDR="10.1.1.1")
    for number in range(2):
        host_client(COUNTY_A_HOST).get(
            "/search/", {"q": "医保"}, REMOTE_ADDR=f"10.2.2.{number}", HTTP_USER_AGENT="手机"
        )
    site = indexed.county_a.site_id
    assert public_hot_terms(site)[:2] == ["医保", "隐私保护"]
    clients = set(QueryLog.objects.values_list("client", flat=True))
    assert len(clients) == 3 and all(len(c) == 32 and "10." not in c for c in clients)


def test_administrators_hide_a_term_from_public_lists(indexed, make_user):
    QueryLog.objects.create(query="医保", results=3, client="a" * 32, site_id=None)
    admin = host_client(CITY_HOST, make_user("root", superuser=True))
    response = admin.post(reverse("search_hide_term"), {"term": "医保"})
    assert response.status_code == 302
    assert "医保" not in public_hot_terms(None)
    report = admin.get(reverse("querylog:index")).content.decode()
    assert "已隐藏" in report and "恢复显示" in report
    admin.post(reverse("search_hide_term"), {"term": "医保", "action": "show"})
    assert public_hot_terms(None) == ["医保"]
    # Both are in the audit log (等保 audit records), by whom.
    from wagtail.models import ModelLogEntry

    logged = ModelLogEntry.objects.filter(action__startswith="jiyue.hot_term.")
    assert sorted(logged.values_list("action", "user__username")) == [
        ("jiyue.hot_term.hide", "root"),
        ("jiyue.hot_term.show", "root"),
    ]
    editor = make_user("anning_ed", groups=[indexed.county_a.editors_group])
    forbidden = host_client(COUNTY_A_HOST, editor).post(
        reverse("search_hide_term"), {"term": "医保"}
    )
    assert forbidden.status_code in {302, 403} and not HiddenTerm.objects.exists()
