"""Search test fixtures: a small Chinese corpus across the cluster's sites, indexed by the engine
under test. `engine_path` runs the behaviour suite once per reachable engine."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.utils import timezone

from fixtures.factories import ArticlePageFactory
from search import indexing
from search.engines import get_engine, load_engine, reset_engine
from search.models import Synonym
from tests.conftest import Cluster
from tests.search.fake_elasticsearch import FakeElasticsearch

EMBEDDED = "search.engines.embedded.EmbeddedEngine"
ELASTICSEARCH = "search.engines.elasticsearch.ElasticsearchEngine"


FAKE = "fake"


def engine_params() -> list:
    params = [pytest.param(EMBEDDED, id="embedded"), pytest.param(FAKE, id="es-fake")]
    marks = []
    if not os.environ.get("ELASTICSEARCH_URL"):
        reason = "ELASTICSEARCH_URL 未设置：跳过 Elasticsearch 引擎的行为测试"
        print(f"\n[search] {reason}")
        marks.append(pytest.mark.skip(reason=reason))
    params.append(pytest.param(ELASTICSEARCH, id="elasticsearch", marks=marks))
    return params


@pytest.fixture(scope="session")
def fake_es():
    server = FakeElasticsearch().start()
    yield server
    server.stop()


@pytest.fixture(params=engine_params())
def engine_path(request, settings):
    settings.JIYUE_SEARCH_ENGINE = EMBEDDED if request.param == EMBEDDED else ELASTICSEARCH
    if request.param == ELASTICSEARCH:
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    elif request.param == FAKE:
        settings.ELASTICSEARCH_URL = request.getfixturevalue("fake_es").url
    settings.JIYUE_SEARCH_INDEX = f"jiyue-test-{os.getpid()}"
    engine = load_engine(settings.JIYUE_SEARCH_ENGINE)
    reset_engine()
    engine.clear()
    yield request.param
    engine.clear()
    reset_engine()


@pytest.fixture
def embedded(settings):
    """The embedded engine alone, for tests of behaviour above the engines."""
    settings.JIYUE_SEARCH_ENGINE = EMBEDDED
    reset_engine()
    yield get_engine()
    reset_engine()


@dataclass
class Corpus:
    cluster: Cluster
    pages: dict


def make_corpus(cluster: Cluster) -> Corpus:
    now = timezone.now()
    anning_news = cluster.column(cluster.county_a, "gzdt")
    anning_policy = cluster.column(cluster.county_a, "zcwj")
    qingyuan_news = cluster.column(cluster.county_b, "gzdt")
    city_notice = cluster.column(cluster.city, "tzgg")

    def article(parent, key, days, **kwargs):
        kwargs.setdefault("summary", "")
        return key, ArticlePageFactory(
            parent=parent, first_published_at=now - dt.timedelta(days=days), **kwargs
        )

    pages = dict(
        [
            article(
                anning_news,
                "disclosure",
                1,
                title="安宁县召开政府信息公开工作推进会",
                body="<p>会议要求进一步做好政务公开工作，提升公开质量。</p>",
            ),
            article(
                anning_policy,
                "insurance",
                3,
                title="关于印发安宁县社会保险补贴办法的通知",
                body="<p>为做好社会保险补贴发放工作，现将办法印发给你们，请认真贯彻执行。</p>",
                source="安宁县人力资源和社会保障局",
            ),
            article(
                qingyuan_news,
                "wetland",
                5,
                title="清源县开展湿地保护专项巡查",
                body="<p>巡查组走访了白鹭湖湿地，检查候鸟栖息地保护情况。信息公开栏同步更新。</p>",
            ),
            article(
                city_notice,
                "heating",
                8,
                title="长河市关于做好冬季供暖保障工作的通知",
                body="<p>各供热企业要确保居民室内温度达标，畅通供暖服务热线。</p>",
            ),
            article(
                city_notice,
                "medical",
                10,
                title="长河市医保门诊报销比例调整的公告",
                body="<p>自下月起，职工医保门诊报销比例提高五个百分点。</p>",
            ),
        ]
    )
    return Corpus(cluster=cluster, pages=pages)


@pytest.fixture
def corpus(cluster, engine_path) -> Corpus:
    data = make_corpus(cluster)
    # 社保 ↔ 社会保险 and 医保 ↔ 医疗保险 come from the shipped defaults (migration 0004).
    assert (
        Synonym.objects.filter(terms__in=["社保,社会保险", "医保,医疗保险,基本医疗保险"]).count()
        == 2
    )
    indexing.rebuild()
    return data
