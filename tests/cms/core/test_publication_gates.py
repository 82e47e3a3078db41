"""Publication gates (cms.core.publication_gates): a registered gate refuses every path to
publication, `publish_page` and plain `page.save_revision().publish()` alike, and leaves
nothing published."""

from __future__ import annotations

import pytest

from cms.core import publication_gates
from cms.core.publication_gates import GateFinding, PublicationRefused
from cms.core.publishing import publish_page
from cms.pages.models import ArticlePage

FORBIDDEN = "【待删】"  # not in the content-safety lists: only this test's gate refuses it


def refuse_misspelling(page, revision, user):
    body = revision.as_object().body
    position = body.find(FORBIDDEN)
    if position >= 0:
        yield GateFinding("test", f"“{FORBIDDEN}”不得发布", "body", position, FORBIDDEN)


@pytest.fixture
def misspelling_gate():
    publication_gates.register_gate("test", refuse_misspelling)
    yield
    publication_gates._gates.pop("test", None)


def test_a_gate_refuses_publish_page_and_plain_revision_publish(cluster, misspelling_gate):
    column = cluster.column(cluster.county_a, "gzdt")
    with pytest.raises(PublicationRefused, match="不得发布") as refused:
        publish_page(ArticlePage(title="通知", body=f"<p>县{FORBIDDEN}通知</p>"), parent=column)
    assert refused.value.findings[0].position == 4  # after "<p>县"
    assert not ArticlePage.objects.filter(title="通知").exists()  # the add rolled back too

    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    page.body = f"<p>县{FORBIDDEN}通知</p>"
    with pytest.raises(PublicationRefused):
        page.save_revision().publish()
    page.refresh_from_db()
    assert FORBIDDEN not in page.body and page.live
    assert FORBIDDEN in page.get_latest_revision_as_object().body  # kept as a draft


def test_without_findings_the_publication_goes_through(cluster, misspelling_gate):
    column = cluster.column(cluster.county_a, "gzdt")
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    assert page.live and publication_gates.findings_for(page, page.live_revision) == []


def test_the_admins_publish_button_is_refused_too(cluster, misspelling_gate, make_user):
    """Wagtail's edit view builds its own publish action (not `Page.publish`): gated as well."""
    from django.urls import reverse

    from tests.conftest import host_client

    column = cluster.column(cluster.county_a, "gzdt")
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    body = (
        '{"blocks":[{"key":"a","type":"unstyled","text":"县' + FORBIDDEN + '通知","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
    )
    response = host_client("www.localhost", moderator).post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": "通知",
            "slug": page.slug,
            "source": "安宁县人民政府",
            "body": body,
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "action-publish": "1",
        },
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert FORBIDDEN not in page.body and page.live
