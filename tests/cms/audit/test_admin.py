"""The 检查评估 admin over HTTP: the 审计员 group reads every scorecard and export and gets 403 on
every edit view; a county moderator sees only their own site; the dashboard panel shows the user's sites."""

import pytest
from django.contrib.auth.models import Group

from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
EXPORT_CT = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.fixture
def auditor(make_user):
    return make_user("shenji", groups=[Group.objects.get(name="审计员")])


@pytest.fixture
def moderator(cluster, make_user):
    return make_user("anning_mod", groups=[cluster.county_a.moderators_group])


def client_for(user):
    return host_client(CITY_HOST, user)


def test_auditor_opens_every_scorecard_and_export(cluster, orgs, make_disclosure, auditor):
    make_disclosure(cluster.column(cluster.county_b, "fgwj"), orgs["county_b"])
    client = client_for(auditor)
    overview = client.get("/admin/audit/")
    assert overview.status_code == 200
    html = overview.content.decode()
    for profile in cluster.all:
        assert profile.canonical_name in html
    assert "审计视图" in html
    for fmt, content_type in EXPORT_CT.items():
        response = client.get(f"/admin/audit/findings.{fmt}")
        assert response.status_code == 200 and response["Content-Type"] == content_type
    for profile in cluster.all:
        page = client.get(f"/admin/audit/site/{profile.pk}/")
        assert page.status_code == 200
        assert "单项否决" in page.content.decode() and "<svg" in page.content.decode()
        for fmt, content_type in EXPORT_CT.items():
            for kind in ("findings", "register"):
                response = client.get(f"/admin/audit/site/{profile.pk}/{kind}.{fmt}")
                assert response.status_code == 200, (profile, kind, fmt)
                assert response["Content-Type"] == content_type
    register = client.get(f"/admin/audit/site/{cluster.county_b.pk}/register.csv")
    text = register.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("索引号,名称,发布机构,成文日期,发布日期")
    assert "清源县人民政府" in text


def test_auditor_gets_403_on_edit_views(cluster, orgs, auditor):
    client = client_for(auditor)
    home = cluster.county_a.site.root_page
    news = cluster.column(cluster.county_a, "gzdt")
    for url in (
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{news.pk}/add_subpage/",
        f"/admin/pages/{news.pk}/delete/",
        f"/admin/organisations/edit/{orgs['county_a'].pk}/",
        "/admin/organisations/new/",
        f"/admin/sites/edit/{cluster.county_a.site.pk}/",
        "/admin/users/",
    ):
        # Wagtail denies with 403 to scripts and redirects a browser to the dashboard with a
        # "no permission" message; either way nothing of the edit view is served.
        assert client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403, url
        assert client.post(url, {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403, url
        browser = client.get(url)
        assert (browser.status_code, browser.get("Location")) == (302, "/admin/"), url


def test_moderator_sees_only_their_own_site(cluster, moderator):
    client = client_for(moderator)
    html = client.get("/admin/audit/").content.decode()
    assert cluster.county_a.canonical_name in html
    assert cluster.county_b.canonical_name not in html
    assert client.get(f"/admin/audit/site/{cluster.county_a.pk}/").status_code == 200
    other = cluster.county_b.pk
    for url in (
        f"/admin/audit/site/{other}/",
        f"/admin/audit/site/{other}/findings.csv",
        f"/admin/audit/site/{other}/register.xlsx",
    ):
        assert client.get(url).status_code == 404, url
    export = client.get("/admin/audit/findings.csv").content.decode("utf-8-sig")
    assert cluster.county_a.canonical_name in export
    assert cluster.county_b.canonical_name not in export


def test_dashboard_panel_shows_the_users_sites(cluster, moderator):
    html = client_for(moderator).get("/admin/").content.decode()
    assert "audit-dashboard" in html
    assert cluster.county_a.canonical_name in html
    assert cluster.county_b.canonical_name not in html


def test_overview_filters_and_sorts(cluster, auditor):
    client = client_for(auditor)
    html = client.get("/admin/audit/?level=department").content.decode()
    assert cluster.department.canonical_name in html
    assert cluster.county_a.canonical_name not in html
    html = client.get("/admin/audit/?q=清源&sort=-score").content.decode()
    assert cluster.county_b.canonical_name in html and cluster.city.canonical_name not in html
    assert client.get("/admin/audit/?sort=bogus&status=veto").status_code == 200


def test_unknown_export_format_is_404(cluster, auditor):
    assert client_for(auditor).get("/admin/audit/findings.pdf").status_code == 404


def test_staff_without_a_site_cannot_open_the_audit(cluster, make_user):
    from django.contrib.auth.models import Permission

    user = make_user("nobody")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(user)
    assert client.get("/admin/audit/", HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    assert client.get("/admin/audit/")["Location"] == "/admin/"
    assert "audit-dashboard" not in client.get("/admin/").content.decode()
