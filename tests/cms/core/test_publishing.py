"""Publishing from code (cms.core.publishing.publish_page): a revision, a publish log entry and
the publish signal (the search index follows), for imports, provisioning and the demo alike;
back-dating only for a first publication and never into the future."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.core.publishing import PublishingError, publish_page
from cms.disclosure.models import GuidePage
from cms.pages.models import ArticlePage, ColumnPage
from search.models import IndexEntry


def article(title: str = "安宁县召开秋季防火工作会议") -> ArticlePage:
    return ArticlePage(title=title, body="<p>会议部署秋冬季森林防火工作。</p>")


def test_publish_page_creates_a_revision_logs_and_indexes(
    cluster, django_capture_on_commit_callbacks
):
    column = cluster.column(cluster.county_a, "gzdt")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_page(article(), parent=column)
    assert page.live and page.live_revision_id and page.revisions.count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    assert IndexEntry.objects.filter(page_id=page.pk).exists()


def test_back_dated_first_publication_keeps_the_date(cluster):
    moment = timezone.now() - dt.timedelta(days=400)
    page = publish_page(
        article(), parent=cluster.column(cluster.county_a, "gzdt"), first_published_at=moment
    )
    assert page.first_published_at == moment and page.last_published_at == moment


def test_back_dating_is_refused_for_a_published_page_and_the_future(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    with pytest.raises(PublishingError, match="不能晚于当前时间"):
        publish_page(article(), parent=column, first_published_at=timezone.now() + dt.timedelta(1))
    page = publish_page(article("第二篇"), parent=column)
    with pytest.raises(PublishingError, match="已发布过"):
        publish_page(page, first_published_at=timezone.now() - dt.timedelta(days=3))


def test_provisioned_pages_are_published_through_revisions(cluster):
    home = cluster.county_a.site.root_page
    guides = GuidePage.objects.descendant_of(home)
    assert guides.count() == 2
    assert all(guide.live_revision_id for guide in guides)
    assert all(column.live_revision_id for column in ColumnPage.objects.descendant_of(home))
