"""Routing by hostname: each host gets its own site's home, identity and footer."""

from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client


def test_each_hostname_serves_its_own_home(cluster):
    for profile in cluster.all:
        response = host_client(profile.site.hostname).get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<meta name="SiteIDCode" content="{profile.site_code}">' in html
        assert profile.canonical_name in html
        for other in cluster.all:
            if other != profile:
                assert f'content="{other.site_code}"' not in html


def test_unknown_host_falls_back_to_the_city_portal(cluster):
    response = host_client("127.0.0.1").get("/")
    assert response.status_code == 200
    assert cluster.city.site_code in response.content.decode()


def test_same_path_on_two_hosts_shows_each_sites_column(cluster):
    column_a = cluster.column(cluster.county_a, "gzdt")
    ArticlePageFactory(parent=column_a, title="安宁县召开春耕备耕工作推进会")
    a = host_client(COUNTY_A_HOST).get("/gzdt/").content.decode()
    b = host_client(COUNTY_B_HOST).get("/gzdt/").content.decode()
    assert "安宁县召开春耕备耕工作推进会" in a
    assert "安宁县召开春耕备耕工作推进会" not in b
