"""Withdrawal (撤稿) is a state: the page stays with a notice and leaves every list."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.pages.signals import page_reinstated, page_withdrawn
from cms.pages.withdrawal import WithdrawalError, is_withdrawn, withdraw_page
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client


@pytest.fixture
def article(cluster):
    return ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="待撤稿文章")


def test_moderator_withdraws_through_the_admin(cluster, article, make_user):
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    client = host_client("www.localhost", moderator)
    received = []

    def on_withdrawn(sender, instance, **kwargs):
        received.append(("withdrawn", instance.pk))

    def on_reinstated(sender, instance, **kwargs):
        received.append(("reinstated", instance.pk))

    page_withdrawn.connect(on_withdrawn)
    page_reinstated.connect(on_reinstated)
    try:
        url = reverse("jiyue_withdraw_page", args=[article.pk])
        edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        assert url in edit_page.content.decode()
        empty = client.post(url, {"reason": "  "})
        assert empty.status_code == 200 and "请填写撤稿说明" in empty.content.decode()
        assert not is_withdrawn(article)

        assert client.post(url, {"reason": "信息有误，更正稿另行发布。"}).status_code == 302
        assert is_withdrawn(article)
        public = host_client("anning.localhost")
        page_html = public.get(article.get_url()).content.decode()
        assert "本文已于" in page_html and "信息有误，更正稿另行发布。" in page_html
        assert "待撤稿文章" not in public.get("/gzdt/").content.decode()
        assert "待撤稿文章" not in public.get("/").content.decode()
        assert PageLogEntry.objects.filter(page=article, action="jiyue.withdraw").exists()

        client.post(reverse("jiyue_reinstate_page", args=[article.pk]))
        assert not is_withdrawn(article)
        assert "待撤稿文章" in public.get("/gzdt/").content.decode()
    finally:
        page_withdrawn.disconnect(on_withdrawn)
        page_reinstated.disconnect(on_reinstated)
    assert received == [("withdrawn", article.pk), ("reinstated", article.pk)]


def test_editor_without_unpublish_right_cannot_withdraw(cluster, article, make_user):
    editor = make_user("ed", groups=[cluster.county_a.editors_group])
    other_moderator = make_user("modb", groups=[cluster.county_b.moderators_group])
    url = reverse("jiyue_withdraw_page", args=[article.pk])
    for user in (editor, other_moderator):
        response = host_client("www.localhost", user).post(url, {"reason": "越权撤稿"})
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] != reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not is_withdrawn(article)


def test_columns_and_unpublished_pages_cannot_be_withdrawn(cluster, article):
    with pytest.raises(WithdrawalError, match="栏目和首页不能撤稿"):
        withdraw_page(cluster.column(cluster.county_a, "gzdt"), reason="测试")
    article.unpublish()
    with pytest.raises(WithdrawalError, match="只有已发布的页面可以撤稿"):
        withdraw_page(article, reason="测试")
