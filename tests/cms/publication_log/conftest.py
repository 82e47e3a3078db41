"""Fixtures for the publication log tests: a moderator of county A and a draft article there."""

import pytest

from cms.pages.models import ArticlePage


@pytest.fixture
def moderator_a(cluster, make_user):
    return make_user("anning_mod", groups=[cluster.county_a.moderators_group])


@pytest.fixture
def draft(cluster):
    """An article in county A's 工作动态 column that has never been published."""
    column = cluster.column(cluster.county_a, "gzdt")
    page = ArticlePage(
        title="安宁县召开2026年安全生产工作会议",
        slug="aqsc-2026",
        source="安宁县应急管理局",
        body="<p>会议部署了全年安全生产重点工作。</p>",
        live=False,
    )
    column.add_child(instance=page)
    return ArticlePage.objects.get(pk=page.pk)
