"""Publishing feeds the outbox through content_changed, in the publishing transaction; routing
rules; retractions (WeChat delete, Weibo manual removal, cancelled undelivered posts)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from wagtail.models import Page

from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.disclosure.vocab import DisclosureMethod
from cms.newmedia.models import Action, OutboxEntry, Platform, State
from cms.pages.withdrawal import withdraw_page
from fixtures.factories import ArticlePageFactory
from fixtures.newmedia import make_account
from tests.cms.newmedia.conftest import settle


def test_a_major_publish_writes_one_entry_per_account_in_its_transaction(
    wechat_account, weibo_account, article
):
    page = article()
    entries = OutboxEntry.objects.filter(content_id=str(page.translation_key))
    assert {e.account_id for e in entries} == {wechat_account.pk, weibo_account.pk}
    assert {e.revision_id for e in entries} == {page.latest_revision_id}
    assert all(e.page_url == page.get_full_url() and e.state == State.PENDING for e in entries)

    with pytest.raises(RuntimeError), transaction.atomic():
        article(title="回滚的发布")
        raise RuntimeError("publish failed later in the transaction")
    assert not OutboxEntry.objects.filter(title="回滚的发布").exists()


def test_only_major_updates_published_now_are_posted(cluster, wechat_account, article):
    page = article()
    assert OutboxEntry.objects.count() == 1
    page.title = "错别字修改"
    publish_page(page, update_kind=UpdateKind.MINOR)
    assert OutboxEntry.objects.count() == 1
    page.title = "内容重大调整"
    publish_page(page, update_kind=UpdateKind.MAJOR)
    first, second = OutboxEntry.objects.order_by("pk")
    assert second.revision_id != first.revision_id
    assert first.state == State.CANCELLED  # never delivered: the newer version replaces it
    ArticlePageFactory.published_days_ago(30, parent=cluster.column(cluster.county_a, "gzdt"))
    assert OutboxEntry.objects.count() == 2  # back-dated history is not news


def test_routing_rules(cluster, orgs, make_disclosure, article):
    by_column = make_account(cluster.county_a, columns=[cluster.column(cluster.county_a, "tzgg")])
    by_category = make_account(cluster.county_a, platform=Platform.WEIBO, categories=["fgwj"])
    by_org = make_account(cluster.county_a, organisations=[orgs["county_a_edu"]])
    everything = make_account(cluster.county_a, platform=Platform.WEIBO)
    city_wide = make_account(cluster.city, columns=[cluster.column(cluster.county_a, "tzgg")])
    closed = make_account(cluster.county_a, status="closed")

    def routed(page):
        return set(OutboxEntry.objects.filter(page=page).values_list("account_id", flat=True))

    news = article()
    notice = ArticlePageFactory(parent=cluster.column(cluster.county_a, "tzgg"))
    rule = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False)
    publish_page(rule)
    school = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a_edu"], live=False
    )
    publish_page(school)
    foreign = article(cluster.county_b)
    assert routed(news) == {everything.pk}
    assert routed(notice) == {by_column.pk, everything.pk, city_wide.pk}
    assert routed(rule) == {by_category.pk, everything.pk}
    assert routed(school) == {by_category.pk, by_org.pk, everything.pk}
    assert routed(foreign) == set()
    assert not OutboxEntry.objects.filter(account=closed).exists()


def test_withdrawing_a_sent_item_deletes_it_on_wechat_and_asks_for_weibo_removal(
    wechat, weibo, wechat_account, weibo_account, article
):
    page = article()
    settle()
    sent = {e.account_id: e for e in OutboxEntry.objects.all()}
    assert {e.state for e in sent.values()} == {State.SENT}
    withdraw_page(page, reason="信息有误")
    delete = OutboxEntry.objects.get(action=Action.DELETE)
    manual = OutboxEntry.objects.get(action=Action.MANUAL_REMOVAL)
    assert delete.account_id == wechat_account.pk and delete.state == State.PENDING
    assert manual.account_id == weibo_account.pk and manual.state == State.MANUAL
    assert (
        manual.remote_url == sent[weibo_account.pk].remote_url and "手动删除" in manual.last_error
    )
    settle()
    delete.refresh_from_db()
    assert delete.state == State.SENT
    assert wechat.deleted == [sent[wechat_account.pk].remote_id]
    page.unpublish()
    assert OutboxEntry.objects.filter(action=Action.DELETE).count() == 1


def test_an_undelivered_item_is_cancelled_when_it_leaves_public(wechat, wechat_account, article):
    page = article()
    page.unpublish()
    entry = OutboxEntry.objects.get()
    assert entry.state == State.CANCELLED
    assert not OutboxEntry.objects.filter(action=Action.DELETE).exists()
    settle()
    assert wechat.posts == {}


def test_not_disclosed_and_deleted_items_are_taken_back(
    cluster, wechat, wechat_account, orgs, make_disclosure, article
):
    disclosure = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False
    )
    publish_page(disclosure)
    news = article()
    settle()
    disclosure.disclosure_method = DisclosureMethod.NOT_DISCLOSED
    publish_page(disclosure)
    Page.objects.get(pk=news.pk).delete()
    settle()
    deletes = OutboxEntry.objects.filter(action=Action.DELETE)
    assert deletes.count() == 2 and {d.state for d in deletes} == {State.SENT}
    assert len(wechat.deleted) == 2 and wechat.articles == {}


def test_drain_outbox_command(wechat, wechat_account, article, capsys):
    article()
    call_command("drain_outbox")
    assert "已完成 1 条" in capsys.readouterr().out
    article()
    wechat.fail("/cgi-bin/draft/add", "invalid")
    with pytest.raises(CommandError, match="推送失败 1 条"):
        call_command("drain_outbox")
    call_command("drain_outbox")
    assert "没有到期的推送" in capsys.readouterr().out


def test_after_the_commit_the_task_worker_delivers(
    wechat, wechat_account, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = article()
        assert OutboxEntry.objects.get().state == State.PENDING  # nothing sent before the commit
    assert callbacks  # deliver_outbox_task enqueued on commit (tests run tasks immediately)
    assert OutboxEntry.objects.get().state == State.SENT
    assert wechat.posts == {page.get_full_url(): 1}
