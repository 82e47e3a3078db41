"""The one publicly-listable rule: a 不予公开 disclosure's title and 内容概述 appear on no public
surface (every page of the site, home and portal blocks, 政务公开 columns, the 公开目录, search,
the search API, suggestions, best bets, related-policy lists), and a record that becomes 不予公开
when republished leaves the search index."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Page

from cms.core.publishing import publish_page
from cms.disclosure.models import DisclosurePage, InterpretationPage, InterpretedPolicy, Topic
from cms.disclosure.vocab import DisclosureMethod
from cms.pages.queries import column_items, is_publicly_listable, listable_ids
from search import indexing
from search.models import BestBet, IndexEntry
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

SECRET_TITLE = "关于甲乙丙丁水库移民安置内部事项的通知"
SECRET_SUMMARY = "戊己庚辛内部概述专用词"
PUBLIC_TITLE = "关于甲乙丙丁水库防汛工作的通知"


def disclosure(column, organisation, title, summary, method) -> DisclosurePage:
    page = DisclosurePage(
        category="fgwj",
        title=title,
        summary=summary,
        organisation=organisation,
        written_date=dt.date(2026, 3, 2),
        body="<p>各乡镇人民政府：现将有关事项通知如下。</p>",
        topic=Topic.objects.get(name="综合政务", parent=None),
        disclosure_method=method,
    )
    return publish_page(page, parent=column)


def public_html(client, path: str, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_not_disclosed_item_appears_on_no_public_surface(
    cluster, orgs, django_capture_on_commit_callbacks
):
    policy_column = cluster.column(cluster.county_a, "zcwj")  # a home-block column
    category_column = cluster.column(cluster.county_a, "fgwj")  # 政务公开 › 法定主动公开内容
    with django_capture_on_commit_callbacks(execute=True):
        secret = disclosure(
            category_column, orgs["county_a"], SECRET_TITLE, SECRET_SUMMARY,
            DisclosureMethod.NOT_DISCLOSED,
        )  # fmt: skip
        secret_policy = disclosure(
            policy_column, orgs["county_a"], SECRET_TITLE + "（二）", SECRET_SUMMARY,
            DisclosureMethod.NOT_DISCLOSED,
        )  # fmt: skip
        shown = disclosure(
            category_column, orgs["county_a"], PUBLIC_TITLE, "公开的概述",
            DisclosureMethod.PROACTIVE,
        )  # fmt: skip
        interpretation = InterpretationPage(
            title="水库工作政策解读", summary="解读", body="<p>解读正文</p>"
        )
        interpretation.interpreted_policies = [
            InterpretedPolicy(policy=secret_policy),
            InterpretedPolicy(policy=shown),
        ]
        publish_page(interpretation, parent=cluster.column(cluster.county_a, "zcjd"))
    BestBet.objects.create(query="水库移民", page=secret)
    indexing.rebuild()

    # The rule itself, in its three forms.
    assert not is_publicly_listable(secret) and is_publicly_listable(shown)
    assert listable_ids([secret.pk, secret_policy.pk, shown.pk]) == {shown.pk}
    assert secret.pk not in set(column_items().values_list("pk", flat=True))
    assert not IndexEntry.objects.filter(page_id__in=[secret.pk, secret_policy.pk]).exists()

    county, city = host_client(COUNTY_A_HOST), host_client(CITY_HOST)
    pages = (
        Page.objects.live()
        .descendant_of(cluster.county_a.site.root_page, inclusive=True)
        .exclude(pk__in=[secret.pk, secret_policy.pk])
    )
    surfaces: dict[str, str] = {}
    for page in pages:
        path = "/" + page.url_path.split("/", 2)[2]
        surfaces[path] = public_html(county, path)
    surfaces["portal home"] = public_html(city, "/")
    surfaces["/gkml/"] = public_html(county, "/gkml/")
    surfaces["/gkml/?q="] = public_html(county, "/gkml/", q="水库")
    surfaces["/gkml/?scope=cluster"] = public_html(city, "/gkml/", scope="cluster")
    for client in (county, city):
        for query in ("水库", "移民安置", "内部概述专用词", "水库移民"):
            surfaces[f"/search/ {query}"] = public_html(client, "/search/", q=query, scope="all")
            surfaces[f"/api/search/ {query}"] = public_html(
                client, "/api/search/", q=query, scope="all"
            )
        for prefix in ("关于甲乙", "甲乙丙丁", "水库"):
            surfaces[f"/api/search/suggest/ {prefix}"] = public_html(
                client, "/api/search/suggest/", q=prefix, scope="all"
            )

    # The surfaces work: the disclosed record is there (title as stored or JSON-escaped).
    assert PUBLIC_TITLE in surfaces["/" + shown.url_path.split("/", 2)[2]]
    assert any("防汛工作" in html for name, html in surfaces.items() if "suggest" in name)
    assert PUBLIC_TITLE in surfaces["/gkml/"]
    for name, html in surfaces.items():
        for secret_text in ("移民安置内部事项", SECRET_SUMMARY):
            assert secret_text not in html, f"{secret_text} 出现在 {name}"
    # Opening it directly is a 404 (unchanged).
    assert county.get("/" + secret.url_path.split("/", 2)[2]).status_code == 404


def test_a_record_that_becomes_not_disclosed_leaves_the_index(
    cluster, orgs, django_capture_on_commit_callbacks
):
    column = cluster.column(cluster.county_a, "fgwj")
    with django_capture_on_commit_callbacks(execute=True):
        page = disclosure(
            column, orgs["county_a"], PUBLIC_TITLE, "概述", DisclosureMethod.PROACTIVE
        )
    assert IndexEntry.objects.filter(page_id=page.pk).exists()
    page.disclosure_method = DisclosureMethod.NOT_DISCLOSED
    with django_capture_on_commit_callbacks(execute=True):
        publish_page(page)
    assert not IndexEntry.objects.filter(page_id=page.pk).exists()
    suggestions = host_client(COUNTY_A_HOST).get("/api/search/suggest/", {"q": "甲乙丙丁"})
    assert suggestions.json()["suggestions"] == []
