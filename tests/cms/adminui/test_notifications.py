"""Workflow e-mails (issue 15 item 12): one Chinese message per event, to the people who must act.
A submission reaches each moderator of that site once and nobody else (not the platform
administrator, not another site's moderators); approval and rejection reach the editor."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page

from fixtures.factories import ArticlePageFactory
from tests.cms.review.test_workflow import article_data as review_article_data
from tests.conftest import CITY_HOST, host_client

ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}")


def article_data(page, title: str) -> dict[str, str]:
    """The review tests' edit form (tests/cms/review/test_workflow.py), sent with 提交审核."""
    return {**review_article_data(page, title), "action-submit": "1"}


def action_url(page, action: str) -> str:
    state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def assert_chinese(message) -> None:
    assert re.search(r"[\u4e00-\u9fff]", message.subject), message.subject
    assert not ENGLISH_WORDS.search(message.subject), message.subject
    # URLs aside, the body is Chinese too.
    body = re.sub(r"https?://\S+", "", message.body)
    assert not ENGLISH_WORDS.search(body), body


@pytest.fixture
def people(cluster, make_user):
    return {
        "editor": make_user("mail_editor", groups=[cluster.county_a.editors_group]),
        "moderators": [
            make_user(f"mail_moderator_{n}", groups=[cluster.county_a.moderators_group])
            for n in (1, 2)
        ],
        "other_moderator": make_user("mail_other", groups=[cluster.county_b.moderators_group]),
        "admin": make_user("mail_admin", superuser=True),
    }


def test_submission_mails_each_moderator_of_the_site_once_in_chinese(cluster, people):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="防汛通知")
    mail.outbox.clear()
    response = host_client(CITY_HOST, people["editor"]).post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), article_data(article, "防汛通知")
    )
    assert response.status_code == 302

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(user.email for user in people["moderators"])
    for message in mail.outbox:
        assert_chinese(message)
        assert message.subject == "【待审核】防汛通知"
        assert f"/admin/pages/{article.pk}/edit/" in message.body


def test_approval_and_rejection_mail_the_editor_once_in_chinese(cluster, people):
    column = cluster.column(cluster.county_a, "gzdt")
    writer = host_client(CITY_HOST, people["editor"])
    reviewer = host_client(CITY_HOST, people["moderators"][0])
    article = ArticlePageFactory(parent=column, title="停水公告")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert writer.post(edit, article_data(article, "停水公告")).status_code == 302

    mail.outbox.clear()
    reviewer.post(action_url(article, "reject"), {"comment": "请补充停水时间。"})
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    assert mail.outbox[0].subject == "【退回修改】停水公告"
    assert "请补充停水时间。" in mail.outbox[0].body
    assert_chinese(mail.outbox[0])

    assert writer.post(edit, article_data(article, "停水公告")).status_code == 302
    mail.outbox.clear()
    assert reviewer.post(action_url(article, "approve"), {}).status_code == 302
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    assert mail.outbox[0].subject == "【已通过审核】停水公告"
    assert_chinese(mail.outbox[0])


def test_final_approvers_are_told_only_when_the_final_step_runs(cluster, people, make_user):
    from django.contrib.auth.models import Group

    from cms.review.models import SiteReviewPolicy
    from cms.review.provisioning import final_group_name

    final = make_user(
        "mail_final", groups=[Group.objects.get(name=final_group_name(cluster.county_a))]
    )
    column = cluster.column(cluster.county_a, "gzdt")
    writer = host_client(CITY_HOST, people["editor"])
    reviewer = host_client(CITY_HOST, people["moderators"][0])

    # Without 终审 the approval publishes: the editor is told, the final approvers are not.
    article = ArticlePageFactory(parent=column, title="无需终审")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert writer.post(edit, article_data(article, "无需终审")).status_code == 302
    mail.outbox.clear()
    reviewer.post(action_url(article, "approve"), {})
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]

    # With 终审 on, the approval of 审核 moves the page on: the final approvers are told.
    SiteReviewPolicy.objects.filter(site=cluster.county_a).update(final_approval=True)
    article = ArticlePageFactory(parent=column, title="需要终审")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert writer.post(edit, article_data(article, "需要终审")).status_code == 302
    mail.outbox.clear()
    reviewer.post(action_url(article, "approve"), {})
    assert [m.to for m in mail.outbox] == [[final.email]]
    assert mail.outbox[0].subject == "【待审核】需要终审"
