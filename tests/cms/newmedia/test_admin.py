"""The 政务新媒体 admin over HTTP: an editor of county A never sees or changes county B's
accounts, outbox rows or credentials; secrets are write-only; approval, retry and the page's
"where it went" view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.newmedia import credentials
from cms.newmedia.models import Account, OutboxEntry, Platform, State
from fixtures.newmedia import make_account
from tests.cms.newmedia.conftest import enqueue, settle
from tests.conftest import COUNTY_A_HOST, host_client

SECRET = "super-secret-appsecret-value"


@pytest.fixture
def accounts(cluster):
    return {
        "a": make_account(cluster.county_a, secret=SECRET),
        "b": make_account(cluster.county_b, secret=SECRET, requires_approval=True),
    }


@pytest.fixture
def moderator_a(cluster, make_user):
    return make_user("anning_mod", groups=[cluster.county_a.moderators_group])


@pytest.fixture
def editor_a(cluster, make_user):
    return make_user("anning_ed", groups=[cluster.county_a.editors_group])


def _entry(account, title="测试推送", state=State.FAILED, content_id=None) -> OutboxEntry:
    return OutboxEntry.objects.create(
        account=account,
        content_id=content_id or f"cid-{account.pk}-{title}",
        revision_id=1,
        action="publish",
        title=title,
        page_url="http://anning.localhost/gzdt/x/",
        state=state,
        last_error="[-1] 微信系统繁忙",
    )


def test_county_a_never_sees_county_b(accounts, moderator_a, editor_a):
    b_entry = _entry(accounts["b"], title="清源县的推送")
    _entry(accounts["a"], title="安宁县的推送")
    for user in (moderator_a, editor_a):
        client = host_client(COUNTY_A_HOST, user)
        listing = client.get(reverse("newmedia_account:index")).content.decode()
        assert accounts["a"].name in listing and accounts["b"].name not in listing
        outbox = client.get(reverse("newmedia_outbox:index")).content.decode()
        assert "安宁县的推送" in outbox and "清源县的推送" not in outbox
        # A moderator of A gets 404 for B's account; an editor of A may not edit any account.
        denied = (404,) if user == moderator_a else (302, 403, 404)
        for name in ("edit", "delete"):
            response = client.get(reverse(f"newmedia_account:{name}", args=[accounts["b"].pk]))
            assert response.status_code in denied
        assert client.get(reverse("newmedia_outbox:entry", args=[b_entry.pk])).status_code == 404
        response = client.post(reverse("newmedia_outbox:action", args=[b_entry.pk, "retry"]))
        assert response.status_code == 404
        changed = client.post(
            reverse("newmedia_account:edit", args=[accounts["b"].pk]),
            {"name": "被改名", "new_secret": "stolen"},
        )
        assert changed.status_code in denied
    b = Account.objects.get(pk=accounts["b"].pk)
    assert b.name != "被改名" and credentials.decrypt(b.secret_encrypted) == SECRET
    assert OutboxEntry.objects.get(pk=b_entry.pk).state == State.FAILED


def test_editors_read_but_only_moderators_change(accounts, editor_a, moderator_a):
    entry = _entry(accounts["a"])
    editor = host_client(COUNTY_A_HOST, editor_a)
    assert editor.get(reverse("newmedia_account:edit", args=[accounts["a"].pk])).status_code in (
        302,
        403,
    )
    assert (
        editor.post(reverse("newmedia_outbox:action", args=[entry.pk, "retry"])).status_code == 404
    )
    moderator = host_client(COUNTY_A_HOST, moderator_a)
    assert (
        moderator.post(reverse("newmedia_outbox:action", args=[entry.pk, "retry"])).status_code
        == 302
    )
    entry.refresh_from_db()
    assert entry.state == State.PENDING and entry.attempts == 0


def _form_data(account, **overrides):
    data = {
        "site": account.site_id,
        "platform": account.platform,
        "sponsor": account.sponsor,
        "name": account.name,
        "account_id": account.account_id,
        "status": account.status,
        "app_id": account.app_id,
        "secret_env_var": "",
        "new_secret": "",
        "silence_days": 14,
    }
    data.update(overrides)
    return data


def test_credentials_are_write_only(accounts, moderator_a):
    client = host_client(COUNTY_A_HOST, moderator_a)
    url = reverse("newmedia_account:edit", args=[accounts["a"].pk])
    page = client.get(url).content.decode()
    assert SECRET not in page and accounts["a"].secret_encrypted not in page
    assert "已保存（不显示）" in page
    assert client.post(url, _form_data(accounts["a"], name="安宁发布")).status_code == 302
    kept = Account.objects.get(pk=accounts["a"].pk)
    assert kept.name == "安宁发布" and credentials.secret_for(kept) == SECRET
    assert client.post(url, _form_data(kept, new_secret="a-new-secret")).status_code == 302
    assert credentials.secret_for(Account.objects.get(pk=kept.pk)) == "a-new-secret"
    page = client.get(url).content.decode()
    assert "a-new-secret" not in page


def test_a_moderator_registers_an_account_of_their_own_site_only(cluster, moderator_a):
    client = host_client(COUNTY_A_HOST, moderator_a)
    data = {
        "site": cluster.county_a.pk,
        "platform": Platform.WEIBO,
        "sponsor": "安宁县人民政府办公室",
        "name": "安宁微博",
        "account_id": "5900000001",
        "status": "active",
        "new_secret": "weibo-token",
        "category_choices": ["zcwj"] if False else [],
        "silence_days": 14,
    }
    assert client.post(reverse("newmedia_account:add"), data).status_code == 302
    account = Account.objects.get(name="安宁微博")
    assert credentials.secret_for(account) == "weibo-token"
    foreign = {**data, "site": cluster.county_b.pk, "name": "冒名", "account_id": "5900000002"}
    response = client.post(reverse("newmedia_account:add"), foreign)
    assert response.status_code == 200 and not Account.objects.filter(name="冒名").exists()
    missing_app_id = {**data, "platform": Platform.WECHAT, "name": "缺AppID", "account_id": "gh_x"}
    response = client.post(reverse("newmedia_account:add"), missing_app_id)
    assert "微信公众号必须填写 AppID" in response.content.decode()


def test_approval_releases_a_delivery(cluster, wechat, make_user, article):
    account = make_account(cluster.county_a, secret=SECRET, requires_approval=True)
    wechat.credentials[account.app_id] = SECRET
    (entry,) = enqueue(article())
    assert entry.state == State.AWAITING_APPROVAL
    settle()
    assert OutboxEntry.objects.get(pk=entry.pk).state == State.AWAITING_APPROVAL
    moderator = make_user("anning_mod2", groups=[cluster.county_a.moderators_group])
    client = host_client(COUNTY_A_HOST, moderator)
    assert (
        "审核通过并推送"
        in client.get(reverse("newmedia_outbox:entry", args=[entry.pk])).content.decode()
    )
    client.post(reverse("newmedia_outbox:action", args=[entry.pk, "approve"]))
    settle()
    entry.refresh_from_db()
    assert entry.state == State.SENT and entry.approved_by == moderator


def test_page_view_shows_where_it_went(cluster, wechat, wechat_account, moderator_a, article):
    page = article(title="全县秋季农业生产工作会议召开")
    enqueue(page)
    settle()
    entry = OutboxEntry.objects.get()
    client = host_client(COUNTY_A_HOST, moderator_a)
    html = client.get(reverse("newmedia_outbox:page", args=[page.pk])).content.decode()
    assert page.get_full_url() in html
    assert "/feeds/" in html and f"/feeds/column/{page.get_parent().pk}/" in html
    assert entry.remote_url in html and wechat_account.name in html
    other = host_client(COUNTY_A_HOST, moderator_a)
    foreign_page = article(cluster.county_b)
    assert other.get(reverse("newmedia_outbox:page", args=[foreign_page.pk])).status_code == 404


def test_filters_and_account_alerts(accounts, moderator_a):
    failed = _entry(accounts["a"], title="失败的推送")
    OutboxEntry.objects.create(
        account=accounts["a"],
        content_id="c2",
        revision_id=1,
        action="publish",
        title="已发送的推送",
        page_url="http://anning.localhost/x/",
        state=State.SENT,
    )
    client = host_client(COUNTY_A_HOST, moderator_a)
    url = reverse("newmedia_outbox:index")
    html = client.get(url, {"state": "failed", "site": accounts["a"].site_id}).content.decode()
    assert failed.title in html and "已发送的推送" not in html
    html = client.get(url, {"account": accounts["a"].pk, "state": "sent"}).content.decode()
    assert "已发送的推送" in html and failed.title not in html
    weibo = make_account(accounts["a"].site, platform=Platform.WEIBO, secret="t")
    Account.objects.filter(pk=weibo.pk).update(auth_expired_at="2026-11-30T10:00:00+08:00")
    html = client.get(reverse("newmedia_account:index")).content.decode()
    assert "微博授权已于 2026-11-30 10:00 失效" in html


def test_an_account_with_deliveries_is_closed_not_deleted(accounts, moderator_a):
    _entry(accounts["a"])
    client = host_client(COUNTY_A_HOST, moderator_a)
    url = reverse("newmedia_account:delete", args=[accounts["a"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "不能删除" in response.content.decode()
    assert Account.objects.filter(pk=accounts["a"].pk).exists()
    unused = make_account(accounts["a"].site)
    assert client.post(reverse("newmedia_account:delete", args=[unused.pk])).status_code == 302
    assert not Account.objects.filter(pk=unused.pk).exists()


def test_bad_input_is_never_a_500(accounts, moderator_a):
    entry = _entry(accounts["a"])
    client = host_client(COUNTY_A_HOST, moderator_a)
    index = reverse("newmedia_outbox:index")
    for params in ({"state": "bogus"}, {"site": "abc"}, {"account": "99999"}, {"p": "x"}):
        assert client.get(index, params).status_code == 200
    assert (
        client.post(reverse("newmedia_outbox:action", args=[entry.pk, "explode"])).status_code
        == 404
    )
    assert (
        client.get(reverse("newmedia_outbox:action", args=[entry.pk, "retry"])).status_code == 405
    )
    assert client.get(reverse("newmedia_outbox:page", args=[999999])).status_code == 404
    sent = _entry(accounts["a"], title="已完成", state=State.SENT)
    response = client.post(reverse("newmedia_outbox:action", args=[sent.pk, "retry"]), follow=True)
    assert "状态已变化" in response.content.decode()
