import datetime as dt

from cms.disclosure.models import DisclosurePage
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client


def test_repeal_shows_on_every_site_that_shows_the_record(cluster, orgs, make_disclosure):
    original = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], title="安宁县农村建房管理办法"
    )
    alias = original.create_alias(parent=cluster.column(cluster.city, "fgwj"))

    original.validity = "废止"
    original.repeal_date = dt.date(2026, 3, 20)
    original.save_revision().publish()

    alias = DisclosurePage.objects.get(pk=alias.pk)
    assert alias.validity == "废止"
    assert alias.record.pk == original.pk
    for host, page in ((COUNTY_A_HOST, original), (CITY_HOST, alias)):
        html = host_client(host).get("/" + page.url_path.split("/", 2)[2]).content.decode()
        assert '<td class="validity">废止（2026年03月20日废止）</td>' in html, host
        assert "本文件已废止" in html
    cluster_list = host_client(CITY_HOST).get("/gkml/?scope=cluster&validity=废止").content.decode()
    assert cluster_list.count("安宁县农村建房管理办法") == 1
