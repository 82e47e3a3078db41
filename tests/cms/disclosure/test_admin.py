from cms.disclosure.models import Organisation
from tests.conftest import CITY_HOST, host_client


def test_editors_see_only_their_sites_organisations(cluster, orgs, make_user):
    editor = make_user("anning_editor", groups=[cluster.county_a.editors_group])
    html = host_client(CITY_HOST, editor).get("/admin/organisations/").content.decode()
    assert "安宁县人民政府" in html and "安宁县教育局" in html
    assert "清源县人民政府" not in html
    other = orgs["county_b"]
    assert host_client(CITY_HOST, editor).get(
        f"/admin/organisations/edit/{other.pk}/"
    ).status_code in {302, 403}


def test_moderator_adds_an_organisation_to_own_site_only(cluster, orgs, make_user):
    from cms.disclosure.demo import make_credit_code

    moderator = make_user("anning_admin", groups=[cluster.county_a.moderators_group])
    client = host_client(CITY_HOST, moderator)
    data = {"name": "安宁县财政局", "short_name": "安财", "credit_code": make_credit_code("610921", 3),
            "site": cluster.county_b.pk, "sort_order": 0}  # fmt: skip
    response = client.post("/admin/organisations/new/", data)
    assert response.status_code == 200  # county B is not a valid choice for this user
    assert not Organisation.objects.filter(name="安宁县财政局").exists()
    bad_code = {**data, "site": cluster.county_a.pk, "credit_code": "116109210000000399"}
    response = client.post("/admin/organisations/new/", bad_code)
    assert "统一社会信用代码不正确" in response.content.decode()
    response = client.post("/admin/organisations/new/", {**data, "site": cluster.county_a.pk})
    assert response.status_code == 302
    assert Organisation.objects.get(name="安宁县财政局").site == cluster.county_a


def test_superuser_sees_all(cluster, orgs, make_user):
    admin = make_user("root", superuser=True)
    html = host_client(CITY_HOST, admin).get("/admin/organisations/").content.decode()
    assert "清源县人民政府" in html and "长河市教育局" in html


def test_moderator_cannot_open_or_change_another_sites_organisation(cluster, orgs, make_user):
    # Model-level rights (a moderator of some site) must not open another site's record.
    moderator = make_user("qingyuan_moderator", groups=[cluster.county_b.moderators_group])
    client = host_client(CITY_HOST, moderator)
    other = orgs["county_a"]
    for url in (
        f"/admin/organisations/edit/{other.pk}/",
        f"/admin/organisations/delete/{other.pk}/",
        f"/admin/organisations/inspect/{other.pk}/",
    ):
        assert client.get(url).status_code in {302, 403, 404}, url
    response = client.post(
        f"/admin/organisations/edit/{other.pk}/",
        {"name": "改名", "short_name": other.short_name, "credit_code": other.credit_code},
    )
    assert response.status_code in {302, 403, 404}
    other.refresh_from_db()
    assert other.name == "安宁县人民政府"
    own = orgs["county_b"]
    assert client.get(f"/admin/organisations/edit/{own.pk}/").status_code == 200
