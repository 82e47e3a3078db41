"""The 发布记录 admin screen: who sees it, which sites' entries, the CSV with its note, and that no
screen edits or deletes an entry."""

import csv

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.pages.models import ArticlePage
from cms.publication_log.models import PublicationEntry
from tests.conftest import host_client

ADMIN_HOST = "www.localhost"
INDEX = "publication_log:index"
EXPORT = "publication_log:export"


@pytest.fixture
def articles(cluster, make_user):
    """One article published by a moderator on county A and one on county B."""
    made = {}
    for key, profile in (("a", cluster.county_a), ("b", cluster.county_b)):
        moderator = make_user(f"mod_{key}", groups=[profile.moderators_group])
        page = ArticlePage(
            title=f"县{key}政务公开工作会议召开",
            slug=f"hy-{key}",
            body="<p>会议内容。</p>",
            live=False,
        )
        cluster.column(profile, "gzdt").add_child(instance=page)
        page.save_revision(user=moderator).publish(user=moderator)
        made[key] = (page, moderator)
    return made


@pytest.fixture
def auditor(make_user):
    group, _ = Group.objects.get_or_create(name="审计员")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_publicationentry"),
    )
    return make_user("auditor", groups=[group])


def csv_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(text.splitlines()))


def test_moderator_sees_only_their_own_sites_entries(cluster, articles):
    page_a, moderator_a = articles["a"]
    page_b, _ = articles["b"]
    client = host_client(ADMIN_HOST, moderator_a)
    html = client.get(reverse(INDEX)).content.decode()
    assert page_a.title in html
    assert page_b.title not in html
    assert "publication-log" in client.get(reverse("wagtailadmin_home")).content.decode()

    # Another site by URL is a 404, like a missing one.
    assert client.get(reverse(INDEX), {"site": cluster.county_b.pk}).status_code == 404
    assert client.get(reverse(INDEX), {"site": "x"}).status_code == 404
    assert client.get(reverse(EXPORT), {"site": cluster.county_b.pk}).status_code == 404

    rows = csv_of(client.get(reverse(EXPORT)))
    titles = {row[5] for row in rows[1:] if row and row[0].isdigit()}
    assert page_a.title in titles and page_b.title not in titles
    site_ids = {row[6] for row in rows[1:] if row and row[0].isdigit()}
    assert site_ids == {str(cluster.county_a.site_id)}
    note = "\n".join(row[0] for row in rows if row)
    assert "仅本人可查看网站的记录" in note and "核验结果：通过" in note


def test_auditor_and_superuser_read_every_site_and_cannot_change_anything(
    cluster, articles, auditor, make_user
):
    admin = make_user("root", superuser=True)
    for user in (auditor, admin):
        client = host_client(ADMIN_HOST, user)
        html = client.get(reverse(INDEX)).content.decode()
        assert articles["a"][0].title in html and articles["b"][0].title in html
        response = client.get(reverse(INDEX), {"site": cluster.county_b.pk, "verify": "1"})
        html = response.content.decode()
        assert "核验通过" in html
        assert articles["b"][0].title in html and articles["a"][0].title not in html
        rows = csv_of(client.get(reverse(EXPORT)))
        note = "\n".join(row[0] for row in rows if row)
        assert "全部网站（完整链）" in note
        assert len([r for r in rows if r and r[0].isdigit()]) == PublicationEntry.objects.count()

        count = PublicationEntry.objects.count()
        assert client.post(reverse(INDEX), {"site": ""}).status_code == 405
        assert client.post(reverse(EXPORT)).status_code == 405
        assert PublicationEntry.objects.count() == count
    # The auditor holds no page rights: the page editor is closed to them.
    response = host_client(ADMIN_HOST, auditor).get(
        reverse("wagtailadmin_pages:edit", args=[articles["a"][0].pk])
    )
    assert response.status_code in (302, 403)


def test_admin_user_without_a_site_or_permission_is_refused_and_has_no_menu_item(
    articles, make_user
):
    outsider = make_user("outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = host_client(ADMIN_HOST, outsider)
    # Wagtail answers a PermissionDenied in the admin with a redirect home and an error message.
    for url in (reverse(INDEX), reverse(EXPORT)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "publication-log" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_entry_model_has_only_the_view_permission(db):
    codenames = set(
        Permission.objects.filter(content_type__app_label="publication_log").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_publicationentry"}


def test_publishing_through_the_admin_records_the_moderator(cluster, articles):
    page, moderator = articles["a"]
    client = host_client(ADMIN_HOST, moderator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    entry = PublicationEntry.objects.filter(page_id=page.pk).order_by("-seq").first()
    assert entry.action == "unpublish"
    assert entry.user_id == moderator.pk and entry.username == moderator.username
