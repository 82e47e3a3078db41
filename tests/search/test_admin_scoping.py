"""The search tools in the admin are scoped like the rest of a site's administration: moderators
manage their own site's best bets, editors and moderators read their own site's search report,
synonyms (cluster-wide) are for platform administrators. Checked over admin HTTP."""

from __future__ import annotations

from django.urls import reverse

from search.models import BestBet, QueryLog
from tests.conftest import COUNTY_A_HOST, host_client


def best_bet_data(page, site, query="社保卡办理") -> dict:
    return {
        "query": query,
        "page": page.pk,
        "site": site.pk if site else "",
        "description": "",
        "valid_from": "",
        "valid_until": "",
        "sort_order": "0",
    }


def test_moderator_manages_best_bets_of_own_site_only(cluster, make_user):
    moderator = make_user("anning_mod", groups=[cluster.county_a.moderators_group])
    client = host_client(COUNTY_A_HOST, moderator)
    page = cluster.county_a.site.root_page
    own, other = cluster.county_a.site, cluster.county_b.site

    response = client.post(reverse("bestbet:add"), best_bet_data(page, own))
    assert response.status_code == 302
    assert BestBet.objects.get().site == own

    for site, message in ((other, "有效的选项"), (None, "必需字段")):
        response = client.post(reverse("bestbet:add"), best_bet_data(page, site, "别的站"))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert BestBet.objects.count() == 1

    foreign = BestBet.objects.create(query="外站专属词", page=page, site=other)
    cluster_wide = BestBet.objects.create(query="全站专属词", page=page, site=None)
    index = client.get(reverse("bestbet:index")).content.decode()
    assert "社保卡办理" in index and "外站专属词" not in index and "全站专属词" not in index
    for bet in (foreign, cluster_wide):
        assert client.get(reverse("bestbet:edit", args=[bet.pk])).status_code == 404
        assert client.post(reverse("bestbet:delete", args=[bet.pk])).status_code == 404
    assert BestBet.objects.filter(pk__in=[foreign.pk, cluster_wide.pk]).count() == 2


def test_editors_read_their_sites_search_report_and_cannot_touch_best_bets(cluster, make_user):
    QueryLog.objects.create(query="安宁独有词", site_id=cluster.county_a.site_id, results=0)
    QueryLog.objects.create(query="清源独有词", site_id=cluster.county_b.site_id, results=0)
    editor = make_user("anning_ed", groups=[cluster.county_a.editors_group])
    client = host_client(COUNTY_A_HOST, editor)
    report = client.get(reverse("querylog:index"))
    assert report.status_code == 200
    html = report.content.decode()
    assert "安宁独有词" in html and "清源独有词" not in html
    assert client.get(reverse("bestbet:index")).status_code in {302, 403}
    assert client.get(reverse("synonym:index")).status_code in {302, 403}


def test_only_platform_administrators_edit_synonyms(cluster, make_user):
    moderator = make_user("anning_mod", groups=[cluster.county_a.moderators_group])
    assert host_client(COUNTY_A_HOST, moderator).get(reverse("synonym:index")).status_code in {
        302,
        403,
    }
    admin = make_user("root", superuser=True)
    assert host_client(COUNTY_A_HOST, admin).get(reverse("synonym:index")).status_code == 200
