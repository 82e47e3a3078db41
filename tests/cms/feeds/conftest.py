"""Helpers for the feed tests: an article with an attachment, and feed requests by host."""

from __future__ import annotations

import pytest
import wagtail_factories
from django.core.cache import cache

from cms.pages.models import ArticleAttachment
from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, host_client


@pytest.fixture(autouse=True)
def _clear_feed_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news(cluster):
    """County A's 工作动态 column."""
    return cluster.column(cluster.county_a, "gzdt")


@pytest.fixture
def article_with_file(news):
    article = ArticlePageFactory(
        parent=news,
        title="关于开展2026年春季植树活动的通知",
        body='<p>请各单位<a href="/zwgk/">按时</a>报名。</p><script>alert(1)</script>',
        summary="春季植树活动安排。",
    )
    document = wagtail_factories.DocumentFactory(
        title="报名登记表", file__filename="dengjibiao.pdf", file__data=b"%PDF-1.4\n%%EOF\n"
    )
    ArticleAttachment.objects.create(page=article, document=document, title="附件1：报名登记表")
    return article


def get_feed(path: str, host: str = COUNTY_A_HOST, **headers):
    return host_client(host).get(path, **headers)
