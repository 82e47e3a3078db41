"""The 办事服务 column lists its guides organised by audience and topic, with filter links."""

import pytest

from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

pytestmark = pytest.mark.django_db


def test_service_column_groups_guides_by_audience_and_topic(cluster, make_guide):
    make_guide(title="居民身份证换领办事指南")
    make_guide(title="社会保障卡申领办事指南", topic="社会保障")
    make_guide(title="企业设立登记办事指南", audience="法人办事", topic="设立变更")
    make_guide(title="未完成的指南", publish=False, fees="")
    make_guide(cluster.county_b, title="清源县的指南")
    column = cluster.column(cluster.county_a, "bsfw")
    client = host_client(COUNTY_A_HOST)
    body = client.get(column.url).content.decode()
    assert "共 3 项办事指南" in body
    assert body.index("个人办事") < body.index("户籍身份") < body.index("居民身份证换领")
    assert body.index("法人办事") < body.index("企业设立登记办事指南")
    assert "未完成的指南" not in body and "清源县的指南" not in body
    assert 'href="?audience=%E6%B3%95%E4%BA%BA%E5%8A%9E%E4%BA%8B"' in body
    assert '<meta name="ColumnType" content="办事服务">' in body

    entity = client.get(column.url, {"audience": "法人办事"}).content.decode()
    assert "企业设立登记办事指南" in entity and "居民身份证换领办事指南" not in entity
    topic = client.get(column.url, {"topic": "社会保障"}).content.decode()
    assert "共 1 项办事指南" in topic and "社会保障卡申领办事指南" in topic


def test_unknown_filter_values_are_ignored(cluster, make_guide):
    make_guide()
    column = cluster.column(cluster.county_a, "bsfw")
    response = host_client(COUNTY_A_HOST).get(column.url, {"audience": "<script>", "topic": "x"})
    assert response.status_code == 200
    assert "共 1 项办事指南" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_other_columns_are_served_as_usual(cluster):
    column = cluster.column(cluster.county_b, "gzdt")
    body = host_client(COUNTY_B_HOST).get(column.url).content.decode()
    assert "办事指南" not in body.split("<main", 1)[1]
