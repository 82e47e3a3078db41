"""The admin per role (issue 15 items 10 and 11), over HTTP: the platform's name and mark, 帮助 →
our editor's guide, Chinese counts, an editor's drafts, a moderator's due 依申请公开 cases, the
administrator's cluster health, and the explorer's dates and newest-first order in a column;
the committed .mo files match their .po sources."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from cms.audit.engine import today_local
from cms.requests.models import RequestCase
from fixtures.factories import ArticlePageFactory
from tests.cms.requests.conftest import registered_case
from tests.conftest import CITY_HOST, host_client

ROOT = Path(__file__).resolve().parents[3]


def sidebar_props(html: str) -> str:
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_editor_dashboard_branding_help_and_drafts(cluster, make_user, settings):
    settings.WAGTAIL_SITE_NAME = "长河市政府网站集约化平台"
    editor = make_user("dash_editor", groups=[cluster.county_a.editors_group])
    draft = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="草稿一篇")
    draft.save_revision(user=editor)
    client = host_client(CITY_HOST, editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "<title>控制面板 - 长河市政府网站集约化平台</title>" in html
    assert 'class="jiyue-logo"' in html and "adminui/favicon.svg" in html
    assert "我的草稿" in html and "草稿一篇" in html
    assert re.search(r"\d+ 个页面", html) and not re.search(r"\d+ Pages?\b", html)
    assert "gravatar" not in html and "wagtail.org" not in html and "editor guide" not in html
    props = sidebar_props(html)
    assert "编辑指南" in props and reverse("adminui_guide") in props
    assert "guide.wagtail.org" not in props and "What's new" not in props

    guide = client.get(reverse("adminui_guide")).content.decode()
    for section in ("发布一条通知公告", "主动公开信息", "撤稿", "办理依申请公开", "提交审核"):
        assert section in guide
    login = host_client(CITY_HOST).get(reverse("wagtailadmin_login")).content.decode()
    assert "登录长河市政府网站集约化平台" in login and "Sign in to Wagtail" not in login


def test_moderator_sees_due_requests_and_administrator_the_cluster(cluster, orgs, make_user):
    moderator = make_user("dash_moderator", groups=[cluster.county_a.moderators_group])
    today = today_local()
    case = registered_case(cluster.county_a, today - dt.timedelta(days=1), organisation=None)
    RequestCase.objects.filter(pk=case.pk).update(due_date=today)
    other = registered_case(cluster.county_b, today - dt.timedelta(days=1), organisation=None)
    RequestCase.objects.filter(pk=other.pk).update(due_date=today)

    html = host_client(CITY_HOST, moderator).get(reverse("wagtailadmin_home")).content.decode()
    assert "依申请公开：即将到期和已超期" in html
    assert case.tracking_code in html and other.tracking_code not in html
    assert "站群运行情况" not in html

    admin = make_user("dash_admin", superuser=True)
    html = host_client(CITY_HOST, admin).get(reverse("wagtailadmin_home")).content.decode()
    assert "站群运行情况" in html and "新媒体推送失败" in html and "后台任务" in html


def test_column_listing_shows_dates_newest_first(cluster, make_user):
    column = cluster.column(cluster.county_a, "tzgg")
    old = ArticlePageFactory(parent=column, title="较早的通知")
    new = ArticlePageFactory(parent=column, title="最新的通知")
    for page, day in ((old, 3), (new, 18)):
        page.save_revision().publish()
        moment = dt.datetime(2026, 11, day, 9, 30, tzinfo=dt.UTC)
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment
        )
    draft = ArticlePageFactory(parent=column, title="未发布的稿件", live=False)
    editor = make_user("explorer_editor", groups=[cluster.county_a.editors_group])
    html = (
        host_client(CITY_HOST, editor)
        .get(reverse("wagtailadmin_explore", args=[column.pk]))
        .content.decode()
    )
    assert "发布时间" in html and "更新时间" in html
    assert "2026-11-18 17:30" in html  # Asia/Shanghai
    positions = [html.index(title) for title in (draft.title, new.title, old.title)]
    assert positions == sorted(positions)

    # The home page lists its columns in the sites' menu order (the tree order).
    home = cluster.county_a.site.root_page
    html = (
        host_client(CITY_HOST, editor)
        .get(reverse("wagtailadmin_explore", args=[home.pk]))
        .content.decode()
    )
    titles = [c.title for c in home.get_children().order_by("path")[:3]]
    positions = [html.index(f">{t}<") if f">{t}<" in html else html.index(t) for t in titles]
    assert positions == sorted(positions)


def test_committed_mo_files_match_their_po():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_messages.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_explorer_filters_name_only_the_staff_of_the_users_sites(cluster, make_user):
    """The owner and edited-by filters of the page explorer (sites.scope.users_for_user)."""
    own = make_user("anning_owner", groups=[cluster.county_a.editors_group])
    other = make_user("qingyuan_owner", groups=[cluster.county_b.editors_group])
    for user, profile in ((own, cluster.county_a), (other, cluster.county_b)):
        ArticlePageFactory(parent=cluster.column(profile, "tzgg"), owner=user)
    home = cluster.county_a.site.root_page
    html = (
        host_client(CITY_HOST, own)
        .get(reverse("wagtailadmin_explore", args=[home.pk]))
        .content.decode()
    )
    assert "anning_owner" in html
    assert "qingyuan_owner" not in html
