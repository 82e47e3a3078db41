"""Cross-site leaks in the admin, each closed by the one site scope (sites.scope): county A's
staff must not read county B's file names, draft titles, workflows, usernames or history, and
a best bet never shows a page its site's visitors may not see. Over admin HTTP."""

from __future__ import annotations

import pytest
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import PageViewRestriction

from cms.requests.documents import store_document
from fixtures.factories import ArticlePageFactory
from search.models import BestBet
from tests.conftest import COUNTY_A_HOST, host_client

ADMIN_HOST = "www.localhost"
DRAFT_B = "清源县尚未发布的内部草稿"


@pytest.fixture
def staff(cluster, make_user):
    return {
        "editor_a": make_user("anning_editor", groups=[cluster.county_a.editors_group]),
        "moderator_a": make_user("anning_moderator", groups=[cluster.county_a.moderators_group]),
        "editor_b": make_user("qingyuan_editor_zhang", groups=[cluster.county_b.editors_group]),
    }


def draft_in_review(cluster, column_slug: str, title: str, user):
    """A county page whose draft (`title`) its editor submitted for review."""
    profile = cluster.county_b if "清源" in title else cluster.county_a
    page = ArticlePageFactory(parent=cluster.column(profile, column_slug), title="已发布标题")
    page.title = title
    revision = page.save_revision(user=user)
    page.get_workflow().start(page, user)
    log(instance=page, action="wagtail.edit", user=user, revision=revision)
    return page


def test_admin_api_and_choosers_list_own_sites_files_never_case_documents(cluster, staff):
    client = host_client(ADMIN_HOST, staff["editor_a"])
    wagtail_factories.ImageFactory(collection=cluster.county_a.collection, title="本县图片")
    wagtail_factories.ImageFactory(collection=cluster.county_b.collection, title="外县图片")
    wagtail_factories.DocumentFactory(collection=cluster.county_a.collection, title="本县文件")
    wagtail_factories.DocumentFactory(collection=cluster.county_b.collection, title="外县文件")
    upload = SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply", content_type="application/pdf")
    store_document(cluster.county_a, upload, "张三申请答复书", staff["editor_a"])

    images = client.get("/admin/api/main/images/?fields=title").json()
    assert [item["title"] for item in images["items"]] == ["本县图片"]
    documents = client.get("/admin/api/main/documents/?fields=title").json()
    assert [item["title"] for item in documents["items"]] == ["本县文件"]

    chooser = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "本县文件" in chooser
    assert "外县文件" not in chooser and "答复书" not in chooser
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "本县图片" in chooser and "外县图片" not in chooser


def test_bulk_action_confirmation_never_shows_other_sites_draft_titles(cluster, staff):
    page = draft_in_review(cluster, "gzdt", DRAFT_B, staff["editor_b"])
    own = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="本县文章")
    client = host_client(ADMIN_HOST, staff["moderator_a"])
    for action in ("publish", "unpublish", "delete", "move"):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        response = client.get(url, {"id": [page.pk]})
        assert response.status_code == 404, action
        assert DRAFT_B not in response.content.decode()
        mixed = client.get(url, {"id": [page.pk, own.pk]})
        assert mixed.status_code == 200 and DRAFT_B not in mixed.content.decode()
        assert "本县文章" in mixed.content.decode()


def test_moderators_open_only_their_own_site_profile_history_and_usage(cluster, staff):
    client = host_client(ADMIN_HOST, staff["moderator_a"])
    for name in ("history", "history_results", "usage", "edit"):
        own = client.get(reverse(f"site_profiles:{name}", args=[cluster.county_a.pk]))
        assert own.status_code == 200, name
        other = client.get(reverse(f"site_profiles:{name}", args=[cluster.county_b.pk]))
        assert other.status_code == 404, name


def test_reports_list_only_own_sites_workflows_pages_and_staff(cluster, staff):
    draft_in_review(cluster, "gzdt", DRAFT_B, staff["editor_b"])
    own = draft_in_review(cluster, "gzdt", "安宁县送审稿件", staff["editor_a"])
    own.save_revision(user=staff["moderator_a"]).publish()
    client = host_client(ADMIN_HOST, staff["moderator_a"])
    for name in ("workflow", "workflow_tasks", "site_history", "locked_pages", "aging_pages"):
        html = client.get(reverse(f"wagtailadmin_reports:{name}")).content.decode()
        assert "清源县" not in html, name
        assert "qingyuan_editor_zhang" not in html and DRAFT_B not in html, name
    html = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    assert "安宁县送审稿件" in html or "安宁县人民政府门户网站·审核流程" in html
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code in (302, 403)


def best_bet_form(page, site, query: str) -> dict:
    return {
        "query": query,
        "page": page.pk,
        "site": site.pk,
        "description": "",
        "valid_from": "",
        "valid_until": "",
        "sort_order": "0",
    }


def test_best_bets_only_for_publicly_viewable_pages_of_the_moderators_site(cluster, staff):
    client = host_client(ADMIN_HOST, staff["moderator_a"])
    own_site = cluster.county_a.site
    foreign = ArticlePageFactory(parent=cluster.column(cluster.county_b, "gzdt"), title="外县文章")
    private = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="内部通知")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    public = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="公开文章")

    for page in (foreign, private):
        response = client.post(reverse("bestbet:add"), best_bet_form(page, own_site, "推荐"))
        assert response.status_code == 200
        assert "只能推荐本网站公开可见的页面" in response.content.decode()
    assert not BestBet.objects.exists()
    response = client.post(reverse("bestbet:add"), best_bet_form(public, own_site, "推荐"))
    assert response.status_code == 302


def test_public_search_skips_best_bets_for_pages_not_public_or_of_another_site(cluster):
    foreign = ArticlePageFactory(parent=cluster.column(cluster.county_b, "gzdt"), title="外县文章")
    stopped = ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "gzdt"), title="曾公开文章"
    )
    BestBet.objects.create(query="推荐", page=foreign, site=cluster.county_a.site)
    BestBet.objects.create(query="推荐", page=stopped, site=cluster.county_a.site)
    search = host_client(COUNTY_A_HOST)
    assert "曾公开文章" in search.get("/search/", {"q": "推荐"}).content.decode()
    PageViewRestriction.objects.create(
        page=stopped, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    html = search.get("/search/", {"q": "推荐"}).content.decode()
    assert "曾公开文章" not in html and "外县文章" not in html


def test_auditor_neither_chooses_nor_downloads_a_sites_unpublished_file(cluster, make_user):
    """Wagtail's migrations give every group with admin access `choose` on the root collection,
    the 审计员 group included. The site scope keeps that right inside the user's own sites (the
    auditor has none): no chooser answer and no preview download of another site's file."""
    from django.contrib.auth.models import Group

    auditor = make_user("city_auditor", groups=[Group.objects.get(name="审计员")])
    client = host_client(ADMIN_HOST, auditor)
    document = wagtail_factories.DocumentFactory(
        collection=cluster.county_b.collection, title="清源县内部文件"
    )
    image = wagtail_factories.ImageFactory(collection=cluster.county_b.collection)
    for path in (
        reverse("wagtaildocs_chooser:chosen", args=[document.pk]),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtailimages_chooser:select_format", args=[image.pk]),
    ):
        response = client.get(path)  # Wagtail refuses by a redirect to the dashboard
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), path
    assert client.get(document.url).status_code == 404
