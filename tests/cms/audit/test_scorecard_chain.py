"""The scorecard and the overview say whether the publication log verifies, and name the first
broken entry once a logged field has been altered behind the ORM's back (raw SQL)."""

import pytest
from django.db import connection

from cms.publication_log.models import PublicationEntry
from fixtures.factories import ArticlePageFactory
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
TABLE = PublicationEntry._meta.db_table


def test_scorecard_shows_the_chain_verifying_then_broken(cluster, make_user):
    news = cluster.column(cluster.county_a, "gzdt")
    page = ArticlePageFactory.build(title="县政府召开常务会议", slug="cwhy", live=False)
    news.add_child(instance=page)
    page.save_revision().publish()
    entry = PublicationEntry.objects.filter(page_id=page.pk).latest("seq")
    client = host_client(CITY_HOST, make_user("root", superuser=True))
    scorecard = f"/admin/audit/site/{cluster.county_a.pk}/"

    html = client.get(scorecard).content.decode()
    assert "发布记录链校验：<strong>通过</strong>" in html
    assert f"已核验 {PublicationEntry.objects.count()} 条记录" in html

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(TABLE)} SET content_hash = %s WHERE id = %s",
            ["b" * 64, entry.pk],
        )
    for url in (scorecard, "/admin/audit/"):
        html = client.get(url).content.decode()
        assert "未通过" in html and "通过</strong>（" not in html, url
        assert f"第 {entry.seq} 条记录（ID {entry.pk}，页面 {page.pk}" in html, url
        assert "内容哈希" in html, url
