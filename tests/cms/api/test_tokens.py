"""Read tokens: issued in the admin by a site's administrators for their own site only, shown
once and stored hashed, revoked without deleting the row, `last used` kept; a bad token is a
401 and a revoked one a 403, both JSON in Chinese. County A's staff never see or change county
B's tokens (admin HTTP)."""

from __future__ import annotations

import re

from cms.api.models import ApiToken, hash_token
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

ADMIN = "/admin/api_tokens/"


def issue(client, site, name: str) -> str:
    response = client.post(f"{ADMIN}new/", {"site": site.pk, "name": name})
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    assert "令牌只显示这一次" in html
    return re.search(r'id="raw-token"[^>]*>([^<]+)<', html).group(1)


def test_moderator_issues_a_token_for_own_site_and_it_works_until_revoked(cluster, make_user):
    moderator = make_user("anning_moderator", groups=[cluster.county_a.moderators_group])
    client = host_client(CITY_HOST, moderator)
    raw = issue(client, cluster.county_a, "掌上安宁")
    token = ApiToken.objects.get(name="掌上安宁")
    assert token.site == cluster.county_a and token.created_by == moderator
    assert raw not in (token.key_hash, token.prefix) and token.key_hash == hash_token(raw)
    assert raw not in client.get(ADMIN).content.decode()  # never shown again

    api = host_client(COUNTY_A_HOST)
    assert token.last_used_at is None
    assert api.get("/api/v1/items/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    bad = api.get("/api/v1/items/", HTTP_AUTHORIZATION="Bearer jy_not-a-token")
    assert bad.status_code == 401 and "令牌无效" in bad.json()["message"]
    malformed = api.get("/api/v1/items/", HTTP_AUTHORIZATION="Basic abc")
    assert malformed.status_code == 401 and "Bearer" in malformed.json()["message"]

    response = client.post(f"{ADMIN}delete/{token.pk}/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None  # kept for the record
    revoked = api.get("/api/v1/items/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert revoked.status_code == 403 and "已被撤销" in revoked.json()["message"]


def test_a_moderator_cannot_issue_for_another_site(cluster, make_user):
    moderator = make_user("anning_moderator", groups=[cluster.county_a.moderators_group])
    client = host_client(CITY_HOST, moderator)
    response = client.post(f"{ADMIN}new/", {"site": cluster.county_b.pk, "name": "越权"})
    assert response.status_code == 200 and "令牌只显示这一次" not in response.content.decode()
    assert not ApiToken.objects.filter(name="越权").exists()


def test_county_a_staff_cannot_see_or_change_county_b_tokens(cluster, make_user):
    b_token = ApiToken(site=cluster.county_b, name="清源政务客户端")
    b_token.issue()
    b_token.save()
    a_token = ApiToken(site=cluster.county_a, name="安宁政务客户端")
    a_token.issue()
    a_token.save()
    editor = make_user("anning_editor", groups=[cluster.county_a.editors_group])
    moderator = make_user("anning_moderator", groups=[cluster.county_a.moderators_group])
    for user in (editor, moderator):
        client = host_client(CITY_HOST, user)
        html = client.get(ADMIN).content.decode()
        assert "安宁政务客户端" in html and "清源政务客户端" not in html
        for url in (f"{ADMIN}edit/{b_token.pk}/", f"{ADMIN}delete/{b_token.pk}/"):
            assert client.get(url).status_code in {302, 403, 404}, (user, url)
            assert client.post(url, {"name": "改名"}).status_code in {302, 403, 404}, (user, url)
        b_token.refresh_from_db()
        assert b_token.name == "清源政务客户端" and b_token.revoked_at is None
    # The moderator's own token opens; another site's is a 404 like a missing one.
    client = host_client(CITY_HOST, moderator)
    assert client.get(f"{ADMIN}edit/{a_token.pk}/").status_code == 200
    assert client.get(f"{ADMIN}edit/{b_token.pk}/").status_code == 404
    # An editor reads the list but issues nothing.
    response = host_client(CITY_HOST, editor).post(
        f"{ADMIN}new/", {"site": cluster.county_a.pk, "name": "编辑签发"}
    )
    assert response.status_code in {302, 403}
    assert not ApiToken.objects.filter(name="编辑签发").exists()
