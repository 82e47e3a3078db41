"""Builders for the API tests: articles and disclosures published through the one publishing
function, and a JSON client on a site host."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.cache import cache

from cms.core.publishing import publish_page
from cms.disclosure.models import DisclosurePage, Topic
from cms.pages.models import ArticlePage

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    settings.JIYUE_API_RATE_ANON = 10_000
    settings.JIYUE_API_RATE_TOKEN = 10_000
    cache.clear()


@pytest.fixture
def make_article(cluster):
    def make(column, *, title: str | None = None, **fields) -> ArticlePage:
        n = next(_counter)
        page = ArticlePage(
            title=title or f"安宁县召开第{n}次政务公开工作推进会",
            slug=f"a{n:05d}",
            summary=f"会议部署第{n}项工作。",
            body=f"<p>第{n}次会议在县政府召开。</p>",
            source="安宁县人民政府办公室",
            **fields,
        )
        return publish_page(page, parent=column)

    return make


@pytest.fixture
def publish_disclosure(cluster):
    def make(column, organisation, *, title: str | None = None, **fields) -> DisclosurePage:
        n = next(_counter)
        values = {
            "title": title or f"关于印发第{n}批惠民政策清单的通知",
            "slug": f"g{n:05d}",
            "written_date": dt.date(2026, 3, 2),
            "summary": f"第{n}批惠民政策清单。",
            "body": "<p>各乡镇人民政府，县政府各部门：现将清单印发给你们。</p>",
            "document_number": f"安政发〔2026〕{n}号",
            "genre": "通知",
            "topic": Topic.objects.get(name="综合政务", parent=None),
        }
        values.update(fields)
        page = DisclosurePage(organisation=organisation, **values)
        return publish_page(page, parent=column)

    return make
