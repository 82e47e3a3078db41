"""Site isolation in the admin, over HTTP: an editor of county A reaches nothing of county B."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Page

from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client

ADMIN_HOST = "www.localhost"


@pytest.fixture
def editor_a(cluster, make_user):
    return make_user("editor_a", groups=[cluster.county_a.editors_group])


@pytest.fixture
def moderator_a(cluster, make_user):
    return make_user("moderator_a", groups=[cluster.county_a.moderators_group])


def allowed(response) -> bool:
    """Wagtail answers a denied admin request with 403 or a redirect to the dashboard; another
    site's record is a 404, as if missing (sites.scope)."""
    if response.status_code == 200:
        return True
    if response.status_code in (302, 403, 404):
        return False
    raise AssertionError(f"unexpected status {response.status_code}")


def test_editor_edits_own_site_pages_only(cluster, editor_a):
    client = host_client(ADMIN_HOST, editor_a)
    own = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    other = ArticlePageFactory(parent=cluster.column(cluster.county_b, "gzdt"))
    assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])))
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
    home_b = cluster.county_b.site.root_page
    assert not allowed(client.get(reverse("wagtailadmin_pages:add_subpage", args=[home_b.pk])))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        {"title": "被篡改的标题", "slug": other.slug, "body": "<p>x</p>"},
    )
    assert not allowed(response)
    other.refresh_from_db()
    assert other.title != "被篡改的标题"


def test_editor_cannot_see_other_sites_in_explorer(cluster, editor_a):
    client = host_client(ADMIN_HOST, editor_a)
    home_b = cluster.county_b.site.root_page
    assert not allowed(client.get(reverse("wagtailadmin_explore", args=[home_b.pk])))
    home_a = cluster.county_a.site.root_page
    assert allowed(client.get(reverse("wagtailadmin_explore", args=[home_a.pk])))


def test_editor_cannot_touch_other_sites_images(cluster, editor_a):
    client = host_client(ADMIN_HOST, editor_a)
    own = wagtail_factories.ImageFactory(collection=cluster.county_a.collection, title="本县图片")
    other = wagtail_factories.ImageFactory(collection=cluster.county_b.collection, title="外县图片")
    assert allowed(client.get(reverse("wagtailimages:edit", args=[own.pk])))
    assert not allowed(client.get(reverse("wagtailimages:edit", args=[other.pk])))
    assert not allowed(client.post(reverse("wagtailimages:delete", args=[other.pk])))
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "本县图片" in listing and "外县图片" not in listing


def test_editor_cannot_touch_other_sites_documents(cluster, editor_a):
    client = host_client(ADMIN_HOST, editor_a)
    own = wagtail_factories.DocumentFactory(
        collection=cluster.county_a.collection, title="本县文件"
    )
    other = wagtail_factories.DocumentFactory(
        collection=cluster.county_b.collection, title="外县文件"
    )
    assert allowed(client.get(reverse("wagtaildocs:edit", args=[own.pk])))
    assert not allowed(client.get(reverse("wagtaildocs:edit", args=[other.pk])))
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "本县文件" in listing and "外县文件" not in listing


def test_site_profile_is_editable_by_its_moderators_only(cluster, editor_a, moderator_a):
    edit_a = reverse("site_profiles:edit", args=[cluster.county_a.pk])
    edit_b = reverse("site_profiles:edit", args=[cluster.county_b.pk])
    moderator = host_client(ADMIN_HOST, moderator_a)
    assert allowed(moderator.get(edit_a))
    assert not allowed(moderator.get(edit_b))
    assert not allowed(host_client(ADMIN_HOST, editor_a).get(edit_a))
    listing = moderator.get(reverse("site_profiles:index")).content.decode()
    assert cluster.county_a.canonical_name in listing
    assert cluster.county_b.canonical_name not in listing

    response = moderator.post(edit_b, {"sponsor": "冒名主办单位"})
    assert not allowed(response)
    cluster.county_b.refresh_from_db()
    assert cluster.county_b.sponsor != "冒名主办单位"


def test_moderator_changes_own_profile_and_bad_input_is_refused(cluster, moderator_a):
    client = host_client(ADMIN_HOST, moderator_a)
    url = reverse("site_profiles:edit", args=[cluster.county_a.pk])
    profile = cluster.county_a
    form = {
        "sponsor": "安宁县人民政府办公室",
        "organizer": "安宁县融媒体中心",
        "contact_phone": "0917-5210001",
        "contact_email": "",
        "contact_address": "安宁县人民路1号",
        "default_source": "安宁县人民政府",
        "icp_number": "不是备案号",
        "police_number": "",
        "theme": "hill-green",
        "sort_order": "3",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "ICP备案号“不是备案号”格式不正确" in response.content.decode()
    profile.refresh_from_db()
    assert profile.sponsor != "安宁县人民政府办公室"

    form["icp_number"] = "长ICP备12345679号"
    form["mourning_mode"] = "on"
    response = client.post(url, form)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.sponsor == "安宁县人民政府办公室"
    assert profile.mourning_mode is True
    assert profile.site_code == "6109210001"  # identity fields are read-only in the form
    html = host_client(profile.site.hostname).get("/").content.decode()
    assert "mourning-mode" in html
    assert "theme-hill-green.css" in html


def test_editor_cannot_publish_but_can_submit_for_review(cluster, editor_a):
    column = cluster.column(cluster.county_a, "gzdt")
    article = ArticlePageFactory(parent=column, title="原标题")
    client = host_client(ADMIN_HOST, editor_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = {
        "title": "修改后的标题",
        "slug": article.slug,
        "source": "",
        "author": "",
        "keywords": "",
        "summary": "",
        "body": '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    client.post(edit_url, {**data, "action-publish": "1"})
    article.refresh_from_db()
    assert article.title == "原标题", "an editor's publish must not reach the public"

    response = client.post(edit_url, {**data, "action-submit": "1"})
    assert response.status_code == 302
    page = Page.objects.get(pk=article.pk)
    assert page.title == "原标题"
    state = page.specific.current_workflow_state
    assert state is not None and state.status == "in_progress"
    task = state.current_task_state.task.specific
    assert list(task.groups.all()) == [cluster.county_a.moderators_group]
