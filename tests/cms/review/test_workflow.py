"""The review workflow driven over HTTP as editors and moderators use the admin: submit, send
back with a comment the editor reads on the dashboard, fix and resubmit, approve; a disclosure is
not published until its 保密审查 is recorded (条例 第十七、十八条), and 终审 runs where a site asks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.disclosure.models import DisclosurePage
from cms.review.models import ConfidentialityBasis, ConfidentialityReview
from cms.review.provisioning import final_group_name
from fixtures.factories import ArticlePageFactory
from tests.cms.disclosure.admin_forms import add_url, form_data
from tests.conftest import CITY_HOST, host_client

BODY = (
    '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)
pytestmark = pytest.mark.confidentiality_gate
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def editor(cluster, make_user):
    return make_user("review_editor", groups=[cluster.county_a.editors_group])


@pytest.fixture
def moderator(cluster, make_user):
    return make_user("review_moderator", groups=[cluster.county_a.moderators_group])


def article_data(page, title: str) -> dict[str, str]:
    return {
        "title": title,
        "slug": page.slug,
        "source": "",
        "author": "",
        "keywords": "",
        "summary": "",
        "body": BODY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action: str) -> str:
    state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def live_title(page) -> str:
    return Page.objects.get(pk=page.pk).title


def test_submit_reject_with_comment_fix_resubmit_approve(cluster, editor, moderator):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="原标题")
    writer, reviewer = host_client(CITY_HOST, editor), host_client(CITY_HOST, moderator)

    response = writer.post(
        edit_url(article), {**article_data(article, "初稿"), "action-submit": "1"}
    )
    assert response.status_code == 302
    assert live_title(article) == "原标题"

    # A rejection must say why; the modal shows the Chinese error and nothing changes.
    response = reviewer.post(action_url(article, "reject"), {"comment": ""}, **XHR)
    assert "请填写退回意见" in response.json()["html"]
    response = reviewer.post(
        action_url(article, "reject"), {"comment": "标题中领导姓名有误，请核对。"}
    )
    assert response.status_code == 302

    dashboard = writer.get(reverse("wagtailadmin_home")).content.decode()
    assert "被退回的稿件" in dashboard
    assert "标题中领导姓名有误，请核对。" in dashboard

    response = writer.post(
        edit_url(article), {**article_data(article, "修改稿"), "action-submit": "1"}
    )
    assert response.status_code == 302
    assert "被退回的稿件" not in writer.get(reverse("wagtailadmin_home")).content.decode()
    assert live_title(article) == "原标题"

    response = reviewer.post(action_url(article, "approve"), {})
    assert response.status_code == 302
    assert live_title(article) == "修改稿"


def test_a_disclosure_is_published_only_with_its_confidentiality_review(
    cluster, editor, moderator, orgs
):
    writer, reviewer = host_client(CITY_HOST, editor), host_client(CITY_HOST, moderator)
    column = cluster.column(cluster.county_a, "fgwj")
    response = writer.post(add_url(column), {**form_data(orgs["county_a"]), "action-submit": "1"})
    assert response.status_code == 302
    page = DisclosurePage.objects.get(slug="zsgz")
    assert not page.live

    # The plain approval is not offered for an uncleared disclosure…
    reviewer.post(action_url(page, "approve"), {})
    assert not DisclosurePage.objects.get(pk=page.pk).live
    # …and the moderator's own 发布 button is refused with a Chinese message, not a 500.
    response = reviewer.post(edit_url(page), {**form_data(orgs["county_a"]), "action-publish": "1"})
    assert response.status_code == 302
    assert not DisclosurePage.objects.get(pk=page.pk).live

    response = reviewer.post(action_url(page, "approve_confidential"), {"basis": ""}, **XHR)
    assert "请选择保密审查结论" in response.json()["html"]
    assert not DisclosurePage.objects.get(pk=page.pk).live

    response = reviewer.post(
        action_url(page, "approve_confidential"),
        {"basis": ConfidentialityBasis.SECRECY_LAW, "confidentiality_note": "经办公室保密审查。"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.index_number
    review = ConfidentialityReview.objects.get(page=page)
    assert review.revision_id == page.live_revision_id
    assert review.reviewer == moderator and review.note == "经办公室保密审查。"
    assert review.get_basis_display().startswith("依据《中华人民共和国保守国家秘密法》")


def test_code_publishing_a_disclosure_must_declare_its_review(cluster, orgs, make_disclosure):
    from cms.core.publication_gates import PublicationRefused

    draft = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False)
    with pytest.raises(PublicationRefused, match="尚未完成保密审查"):
        draft.save_revision().publish()
    assert not DisclosurePage.objects.get(pk=draft.pk).live
    published = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    assert ConfidentialityReview.objects.get(page=published).reviewer_name == "测试数据"


def test_final_approval_where_the_site_asks_for_it(cluster, editor, moderator, make_user):
    from django.contrib.auth.models import Group

    final = make_user(
        "review_final", groups=[Group.objects.get(name=final_group_name(cluster.county_a))]
    )
    reviewer = host_client(CITY_HOST, moderator)
    response = reviewer.post(
        reverse("review:site_settings", args=[cluster.county_a.pk]), {"final_approval": "on"}
    )
    assert response.status_code == 302
    # Another site's settings are not the moderator's.
    other = reverse("review:site_settings", args=[cluster.county_b.pk])
    assert reviewer.get(other).status_code == 404

    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="原标题")
    writer = host_client(CITY_HOST, editor)
    writer.post(edit_url(article), {**article_data(article, "终审稿"), "action-submit": "1"})
    reviewer.post(action_url(article, "approve"), {})
    assert live_title(article) == "原标题", "审核 alone must not publish where 终审 is on"
    response = host_client(CITY_HOST, final).post(action_url(article, "approve"), {})
    assert response.status_code == 302
    assert live_title(article) == "终审稿"
