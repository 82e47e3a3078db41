"""Major and minor updates and the one content-change signal: every change of what the public
can see is announced once, with the listable rule evaluated after it, and 更新时间 moves only on
a 重要更新."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.disclosure.vocab import DisclosureMethod
from cms.pages.models import ArticlePage, PageUpdate, PageUpdateSummary
from cms.pages.signals import content_changed
from cms.pages.updates import ChangeKind, content_id, with_update_dates
from cms.pages.withdrawal import reinstate_page, withdraw_page
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes():
    received = []

    def receiver(sender, change, **kwargs):
        received.append(change)

    content_changed.connect(receiver)
    yield received
    content_changed.disconnect(receiver)


@pytest.fixture
def column(cluster):
    return cluster.column(cluster.county_a, "gzdt")


def summary_of(page) -> PageUpdateSummary:
    return PageUpdateSummary.objects.get(page_id=page.pk)


def test_a_first_publication_is_a_major_update_that_notifies(column, changes):
    article = ArticlePageFactory(parent=column, title="首次发布")
    [change] = [c for c in changes if c.page_id == article.pk]
    assert change.kind == ChangeKind.MAJOR and change.listable and change.notify
    assert change.content_id == content_id(article) == str(article.translation_key)
    assert change.site_id == column.get_site().pk
    [update] = PageUpdate.objects.filter(page=article)
    assert update.kind == UpdateKind.MAJOR and update.published_at == article.last_published_at
    assert summary_of(article).major_updated_at == article.last_published_at


def test_a_back_dated_first_publication_is_history_not_news(column, changes):
    moment = timezone.now() - dt.timedelta(days=30)
    article = ArticlePageFactory.published_days_ago(30, parent=column)
    [change] = [c for c in changes if c.page_id == article.pk]
    assert change.kind == ChangeKind.MAJOR and not change.notify
    summary = summary_of(article)
    assert abs(summary.major_updated_at - moment) < dt.timedelta(seconds=5)
    assert PageUpdate.objects.get(page=article).published_at == summary.major_updated_at


def test_a_minor_update_keeps_the_update_time_and_a_major_one_moves_it(column, changes):
    article = ArticlePageFactory.published_days_ago(3, parent=column, title="原标题")
    first = summary_of(article).major_updated_at
    article.title = "改正错别字"
    publish_page(article, update_kind=UpdateKind.MINOR, change_note="更正错别字")
    assert summary_of(article).major_updated_at == first
    assert changes[-1].kind == ChangeKind.MINOR and not changes[-1].notify
    article.title = "实质修改"
    publish_page(article, update_kind=UpdateKind.MAJOR)
    moved = summary_of(article).major_updated_at
    assert moved > first and changes[-1].kind == ChangeKind.MAJOR and changes[-1].notify
    kinds = list(PageUpdate.objects.filter(page=article).values_list("kind", "change_note"))
    assert kinds == [("major", ""), ("minor", "更正错别字"), ("major", "")]
    [annotated] = with_update_dates(Page.objects.filter(pk=article.pk))
    assert annotated.major_updated_at == moved


def edit_data(article: ArticlePage, **overrides) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "source": article.source,
        "author": article.author,
        "keywords": article.keywords,
        "summary": article.summary,
        "body": (
            '{"blocks":[{"key":"a","type":"unstyled","text":"正文已修改","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
        ),
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
    }
    data.update(overrides)
    return data


def test_the_editor_chooses_the_kind_and_the_history_shows_it(cluster, column, make_user):
    article = ArticlePageFactory.published_days_ago(2, parent=column, title="政策解读")
    before = summary_of(article).major_updated_at
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    client = host_client("www.localhost", moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    form = client.get(edit_url).content.decode()
    assert "更新类型" in form and "一般修改" in form and "修改说明" in form
    assert re.search(r'<input[^>]*value="minor"[^>]*checked', form)

    response = client.post(edit_url, edit_data(article, update_kind="minor", change_note="错字"))
    assert response.status_code == 302
    assert summary_of(article).major_updated_at == before
    assert PageLogEntry.objects.filter(page=article, action="jiyue.update.minor").exists()

    response = client.post(edit_url, edit_data(article, update_kind="major"))
    assert response.status_code == 302
    assert summary_of(article).major_updated_at > before
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "重要更新" in history.content.decode() and "一般修改" in history.content.decode()


def test_a_new_page_form_offers_no_minor_update(cluster, column, make_user):
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    client = host_client("www.localhost", moderator)
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk])
    assert "首次发布均为重要更新" in client.get(add_url).content.decode()


def test_the_declared_kind_survives_review(cluster, column, make_user):
    """The editor declares 一般修改 and submits; the moderator's approval publishes a minor update."""
    article = ArticlePageFactory.published_days_ago(2, parent=column)
    before = summary_of(article).major_updated_at
    editor = make_user("ed", groups=[cluster.county_a.editors_group])
    client = host_client("www.localhost", editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = edit_data(article, update_kind="minor")
    del data["action-publish"]
    data["action-submit"] = "1"
    assert client.post(edit_url, data).status_code == 302
    article.refresh_from_db()
    state = article.current_workflow_state
    assert state is not None
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    article.refresh_from_db()
    assert article.live and "正文已修改" in str(article.body)
    assert summary_of(article).last_kind == UpdateKind.MINOR
    assert summary_of(article).major_updated_at == before


def test_every_way_out_of_public_is_announced(cluster, column, changes, orgs, make_disclosure):
    article = ArticlePageFactory(parent=column)
    article.unpublish()
    assert (changes[-1].kind, changes[-1].listable) == (ChangeKind.RETRACTED, False)

    publish_page(article)
    withdraw_page(article, reason="信息有误")
    assert (changes[-1].kind, changes[-1].listable) == (ChangeKind.RETRACTED, False)
    reinstate_page(article)
    assert (changes[-1].kind, changes[-1].listable) == (ChangeKind.REINSTATED, True)

    other = cluster.column(cluster.county_a, "tzgg")
    article.move(other, pos="last-child")
    assert (changes[-1].kind, changes[-1].page_id) == (ChangeKind.MOVED, article.pk)

    disclosure = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    disclosure.disclosure_method = DisclosureMethod.NOT_DISCLOSED
    publish_page(disclosure)
    assert (changes[-1].page_id, changes[-1].listable) == (disclosure.pk, False)

    page_id, key = article.pk, str(article.translation_key)
    Page.objects.get(pk=article.pk).delete()
    deleted = [c for c in changes if c.kind == ChangeKind.DELETED]
    assert [(c.page_id, c.content_id, c.listable) for c in deleted] == [(page_id, key, False)]


def test_an_admin_publish_is_one_transaction(cluster, column, make_user):
    """A receiver that fails (an outbox write, say) takes the publish with it: nothing half-done."""
    article = ArticlePageFactory.published_days_ago(2, parent=column, title="旧标题")
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    client = host_client("www.localhost", moderator)

    def failing(sender, change, **kwargs):
        raise RuntimeError("outbox unavailable")

    content_changed.connect(failing)
    try:
        with pytest.raises(RuntimeError):
            client.post(
                reverse("wagtailadmin_pages:edit", args=[article.pk]),
                edit_data(article, title="新标题", update_kind="major"),
            )
    finally:
        content_changed.disconnect(failing)
    article.refresh_from_db()
    assert article.title == "旧标题"
    assert PageUpdate.objects.filter(page=article).count() == 1
