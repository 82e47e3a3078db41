import datetime as dt
import re

import pytest
from django.utils import timezone

from cms.disclosure.models import Topic
from tests.conftest import CITY_HOST, COUNTY_A_HOST, COUNTY_B_HOST, host_client


@pytest.fixture
def records(cluster, orgs, make_disclosure):
    fgwj = cluster.column(cluster.county_a, "fgwj")
    czyjs = cluster.column(cluster.county_a, "czyjs")
    education = Topic.objects.get(name="教育")
    return {
        "policy_2025": make_disclosure(
            fgwj, orgs["county_a"], title="安宁县城乡低保实施办法", written_date=dt.date(2025, 5, 6),
            genre="决定", validity="废止", repeal_date=dt.date(2026, 1, 10),
        ),
        "policy_2026": make_disclosure(
            fgwj, orgs["county_a"], title="安宁县义务教育入学办法", written_date=dt.date(2026, 2, 3),
            genre="通知", topic=education,
        ),
        "budget": make_disclosure(
            czyjs, orgs["county_a_edu"], title="安宁县教育局2026年部门预算",
            written_date=dt.date(2026, 1, 20), genre="其他",
        ),
        "other_site": make_disclosure(
            cluster.column(cluster.county_b, "fgwj"), orgs["county_b"],
            title="清源县城市管理办法", written_date=dt.date(2026, 2, 9),
        ),
        "not_public": make_disclosure(
            fgwj, orgs["county_a"], title="安宁县内部事务工作规程", disclosure_method="不予公开",
        ),
    }  # fmt: skip


def titles(response) -> list[str]:
    body = response.content.decode()
    table = body[body.index("<tbody>") : body.index("</tbody>")]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', table)


def test_site_catalogue_lists_own_public_records_with_the_standard_columns(records):
    response = host_client(COUNTY_A_HOST).get("/gkml/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("索引号", "名称", "发布机构", "成文日期", "发布日期"):
        assert f'<th scope="col">{heading}</th>' in html
    assert set(titles(response)) == {
        "安宁县城乡低保实施办法",
        "安宁县义务教育入学办法",
        "安宁县教育局2026年部门预算",
    }
    assert records["policy_2026"].index_number in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=fgwj", {"安宁县城乡低保实施办法", "安宁县义务教育入学办法"}),
        ("year=2025", {"安宁县城乡低保实施办法"}),
        ("validity=废止", {"安宁县城乡低保实施办法"}),
        ("genre=其他", {"安宁县教育局2026年部门预算"}),
        ("category=fgwj&year=2026", {"安宁县义务教育入学办法"}),
        ("q=预算", {"安宁县教育局2026年部门预算"}),
    ],
)
def test_filters_are_plain_get_parameters(records, query, expected):
    response = host_client(COUNTY_A_HOST).get(f"/gkml/?{query}")
    assert set(titles(response)) == expected


def test_organisation_and_topic_filters(records, orgs):
    client = host_client(COUNTY_A_HOST)
    by_org = client.get(f"/gkml/?organisation={orgs['county_a_edu'].pk}")
    assert titles(by_org) == ["安宁县教育局2026年部门预算"]
    parent_topic = Topic.objects.get(name="科技、教育", parent=None)
    # A first-level topic matches records filed under its second-level topics too.
    by_topic = client.get(f"/gkml/?topic={parent_topic.pk}")
    assert titles(by_topic) == ["安宁县义务教育入学办法"]


def test_bad_parameters_are_ignored_not_errors(records):
    response = host_client(COUNTY_A_HOST).get(
        "/gkml/?year=abc&topic=999999&category=nope&organisation=x&page=-3"
    )
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_cluster_scope_on_the_portal_spans_sites_once_per_record(cluster, records):
    original = records["policy_2026"]
    original.create_alias(parent=cluster.column(cluster.county_b, "fgwj"))
    response = host_client(CITY_HOST).get("/gkml/?scope=cluster")
    found = titles(response)
    assert sorted(found) == sorted(
        [
            "安宁县城乡低保实施办法",
            "安宁县义务教育入学办法",
            "安宁县教育局2026年部门预算",
            "清源县城市管理办法",
        ]
    )
    assert "http://anning.localhost/" in response.content.decode()
    # The alias shows up on the county B site's own catalogue, with the same 索引号.
    county_b = host_client(COUNTY_B_HOST).get("/gkml/").content.decode()
    assert original.index_number in county_b
    # Other sites cannot widen their catalogue to the cluster.
    county = host_client(COUNTY_A_HOST).get("/gkml/?scope=cluster")
    assert "清源县城市管理办法" not in titles(county)


def test_pagination_keeps_filters(settings, cluster, orgs, make_disclosure):
    settings.JIYUE_COLUMN_PAGE_SIZE = 2
    column = cluster.column(cluster.county_a, "fgwj")
    for _ in range(5):
        make_disclosure(column, orgs["county_a"])
    response = host_client(COUNTY_A_HOST).get("/gkml/?category=fgwj")
    assert 'href="?category=fgwj&amp;page=2"' in response.content.decode()
    last = host_client(COUNTY_A_HOST).get("/gkml/?category=fgwj&page=3")
    assert len(titles(last)) == 1


def test_catalogue_query_count_does_not_grow_with_rows(
    django_assert_max_num_queries, cluster, orgs, make_disclosure
):
    column = cluster.column(cluster.city, "fgwj")
    for index in range(25):
        make_disclosure(column, orgs["city"] if index % 2 else orgs["department"],
                        first_published_at=timezone.now() - dt.timedelta(hours=index))  # fmt: skip
    client = host_client(CITY_HOST)
    client.get("/gkml/")  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(12):
        response = client.get("/gkml/?scope=cluster&category=fgwj&validity=有效")
    assert len(titles(response)) == 20


@pytest.mark.parametrize(
    "name", ["q", "category", "topic", "genre", "organisation", "year", "validity", "page"]
)
def test_nul_bytes_in_filters_are_ignored(records, name):
    # PostgreSQL text cannot hold NUL; such a value must be a bad filter, never a database error.
    response = host_client(CITY_HOST).get("/gkml/", {"scope": "cluster", name: "1\x00"})
    assert response.status_code == 200


def test_rows_show_summary_trimmed_with_full_text_on_hover_and_document_number(
    cluster, orgs, make_disclosure
):
    summary = "明确城乡居民基本医疗保险的参保范围、筹资标准、待遇保障和经办管理，自2026年4月1日起施行，原办法同时废止。"
    make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"],
        title="安宁县城乡居民医保办法", document_number="安政发[2026]12号", summary=summary,
    )  # fmt: skip
    html = host_client(COUNTY_A_HOST).get("/gkml/").content.decode()
    for heading in ("内容概述", "文号"):
        assert f'<th scope="col">{heading}</th>' in html
    assert f'title="{summary}"' in html  # full text on hover
    assert html.count(summary) == 1  # only in the title attribute: the cell shows it trimmed
    assert f'title="{summary}">{summary[:30]}' in html
    assert "安政发〔2026〕12号" in html


@pytest.mark.parametrize(
    "typed", ["安政发[2026]12号", "安政发（2026）12号", "政发〔2026〕12", "医保办法"]
)
def test_search_box_finds_title_or_document_number(cluster, orgs, make_disclosure, typed):
    column = cluster.column(cluster.county_a, "fgwj")
    make_disclosure(column, orgs["county_a"], title="安宁县城乡居民医保办法",
                    document_number="安政发〔2026〕12号")  # fmt: skip
    make_disclosure(column, orgs["county_a"], title="安宁县城市管理办法",
                    document_number="安政发〔2026〕13号")  # fmt: skip
    response = host_client(COUNTY_A_HOST).get("/gkml/", {"q": typed})
    assert titles(response) == ["安宁县城乡居民医保办法"]
    assert 'name="q"' in response.content.decode() and "名称或文号" in response.content.decode()


def test_control_characters_in_the_search_box_are_stripped(records):
    response = host_client(COUNTY_A_HOST).get("/gkml/", {"q": "预算\x00\x07"})
    assert response.status_code == 200
    assert titles(response) == ["安宁县教育局2026年部门预算"]


def test_ignored_parameters_are_named_in_a_notice(records):
    response = host_client(COUNTY_A_HOST).get("/gkml/?year=abc&topic=999999&genre=通知")
    assert response.status_code == 200
    html = response.content.decode()
    assert "以下查询条件无效，已忽略：" in html
    notice = html[html.index("以下查询条件无效") :].split("</p>")[0]
    assert "主题分类" in notice and "成文年份" in notice and "体裁" not in notice
    assert titles(response) == ["安宁县义务教育入学办法"]  # the valid genre filter still applies
