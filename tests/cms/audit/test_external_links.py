"""External (outbound) link check against a fake web server on 127.0.0.1: statuses, timeouts,
redirect limits, refused connections, HEAD→GET, per-host politeness; the stored results become
audit findings (no network during the audit) and show on the scorecard."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.audit.external_links import external_urls, gather_links
from cms.audit.linkcheck import CheckOptions, check_urls
from cms.audit.models import ExternalLink, LinkCheckRun
from cms.services.models import ServiceGuidePage
from fixtures.factories import ArticlePageFactory
from tests.cms.audit.fake_web import FakeWeb, refused_url
from tests.cms.services.conftest import COMPLETE
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

FAST = CheckOptions(workers=4, per_host=2, host_delay=0.0, timeout=0.5, max_redirects=3)


def test_external_urls_skips_internal_hosts_relative_links_and_fragments():
    html = (
        '<p><a href="https://www.gov.cn/zhengce/?a=1&amp;b=2#top">国务院</a>'
        '<a href="/zwgk/">本站</a><a linktype="page" id="3">站内</a>'
        '<a href="http://anning.localhost/x/">集群内</a><a href="mailto:a@b.cn">邮件</a></p>'
    )
    assert external_urls(html, {"anning.localhost"}) == ["https://www.gov.cn/zhengce/?a=1&b=2"]


def test_statuses_timeouts_redirects_and_refused_connections():
    with FakeWeb(slow_seconds=2.0) as web:
        urls = {
            "ok": f"{web.base}/ok",
            "missing": f"{web.base}/missing",
            "error": f"{web.base}/error",
            "slow": f"{web.base}/slow",
            "loop": f"{web.base}/loop",
            "moved": f"{web.base}/moved",
            "nohead": f"{web.base}/nohead",
            "refused": refused_url(),
        }
        results = check_urls(urls.values(), FAST)
        requests = list(web.requests)
    by = {name: results[url] for name, url in urls.items()}
    assert by["ok"].ok and by["ok"].status == 200
    assert not by["missing"].ok and by["missing"].status == 404
    assert by["missing"].error == "返回 HTTP 404"
    assert not by["error"].ok and by["error"].status == 500
    assert not by["slow"].ok and by["slow"].error == "连接超时"
    assert not by["loop"].ok and by["loop"].error == "重定向超过3次"
    assert by["moved"].ok and by["moved"].final_url.endswith("/ok/after-move")
    assert by["nohead"].ok  # HEAD refused with 405, GET answered 200
    assert ("HEAD", "/nohead") in requests and ("GET", "/nohead") in requests
    assert ("GET", "/ok") not in requests  # HEAD sufficed
    assert not by["refused"].ok and by["refused"].error == "连接被拒绝"
    # Redirect loop: the first request plus max_redirects hops, then it stops.
    assert sum(1 for method, path in requests if path == "/loop" and method == "HEAD") == 4


@pytest.mark.parametrize("per_host", [1, 2])
def test_never_more_than_per_host_requests_in_flight_to_one_host(per_host):
    options = CheckOptions(workers=6, per_host=per_host, host_delay=0.0, timeout=2, max_redirects=1)
    with FakeWeb(hold_seconds=0.05) as web:
        urls = [f"{web.base}/ok/{n}" for n in range(12)]
        results = check_urls(urls, options)
        peak = dict(web.max_in_flight)
    assert all(r.ok for r in results.values())
    assert list(peak) == [f"127.0.0.1:{web.server_address[1]}"]
    assert 1 <= peak[f"127.0.0.1:{web.server_address[1]}"] <= per_host


def test_each_distinct_url_is_requested_once():
    with FakeWeb(hold_seconds=0) as web:
        check_urls([f"{web.base}/ok/a", f"{web.base}/ok/a", f"{web.base}/ok/b"], FAST)
        assert sorted(web.requests) == [("HEAD", "/ok/a"), ("HEAD", "/ok/b")]


def publish_article(column, slug, body, live=True):
    page = ArticlePageFactory.build(title=f"文章{slug}", slug=slug, body=body, live=False)
    column.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_check_links_records_broken_links_and_the_audit_reads_them(cluster, settings, make_user):
    settings.JIYUE_LINKCHECK_TIMEOUT = 0.5
    settings.JIYUE_LINKCHECK_HOST_DELAY = 0
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""
    news = cluster.column(cluster.county_a, "gzdt")
    with FakeWeb() as web:
        body = (
            f'<p><a href="{web.base}/ok">好</a><a href="{web.base}/missing">坏</a>'
            f'<a href="http://{COUNTY_A_HOST}/zwgk/">站内</a></p>'
        )
        bad = publish_article(news, "bad", body)
        publish_article(news, "draft", f'<p><a href="{web.base}/error">草稿</a></p>', live=False)
        guide = ServiceGuidePage(
            live=False, title="办事指南", slug="guide", **COMPLETE, online_url=f"{web.base}/error"
        )
        cluster.column(cluster.county_a, "bsfw").add_child(instance=guide)
        guide.save_revision().publish()
        other = publish_article(
            cluster.column(cluster.county_b, "gzdt"),
            "b",
            f'<p><a href="{web.base}/error">x</a></p>',
        )
        out = io.StringIO()
        call_command("check_links", "--site", COUNTY_A_HOST, stdout=out)
        requested = {path for _m, path in web.requests}
    text = out.getvalue()
    assert "检查了2个页面中的3个外部链接，无法访问的2个" in text
    assert requested == {"/ok", "/missing", "/error"}  # nothing of the draft, nothing of county B
    rows = {(r.page_id, r.url): r for r in ExternalLink.objects.all()}
    assert len(rows) == 3 and not any(pid == other.pk for pid, _ in rows)
    assert rows[(bad.pk, f"{web.base}/missing")].status_code == 404
    [run] = LinkCheckRun.objects.all()
    assert (run.site_id, run.links, run.broken) == (cluster.county_a.pk, 3, 2)

    # The audit reads the stored results: the fake server is gone, nothing is requested again.
    site = run_audit([cluster.county_a], dt.date.today()).sites[0]
    broken = {f.object_id: f for f in site.findings if f.rule == R.EXTERNAL_LINK_BROKEN}
    assert set(broken) == {bad.pk, guide.pk}
    assert broken[bad.pk].severity == R.Severity.DEDUCTION
    assert f"{web.base}/missing（返回 HTTP 404）" in broken[bad.pk].explanation
    assert broken[bad.pk].admin_url == f"/admin/pages/{bad.pk}/edit/"

    moderator = make_user("anning_mod", groups=[cluster.county_a.moderators_group])
    page = host_client(CITY_HOST, moderator).get(f"/admin/audit/site/{cluster.county_a.pk}/")
    html = page.content.decode()
    assert "外部链接无法访问" in html and f"{web.base}/missing" in html
    assert "外部链接检查：" in html and "共3个链接，无法访问2个" in html


@pytest.mark.django_db
def test_only_publicly_visible_pages_are_sources(cluster):
    from cms.pages.models import Withdrawal

    news = cluster.column(cluster.county_a, "gzdt")
    shown = publish_article(news, "shown", '<p><a href="https://example.org/a">a</a></p>')
    gone = publish_article(news, "gone", '<p><a href="https://example.org/b">b</a></p>')
    Withdrawal.objects.create(page=gone, reason="内容有误")
    assert [p.page_id for p in gather_links([cluster.county_a])] == [shown.pk]


@pytest.mark.django_db
def test_unknown_site_exits_non_zero_with_one_line(cluster):
    with pytest.raises(CommandError) as raised:
        call_command("check_links", "--site", "nowhere.localhost")
    assert str(raised.value) == "没有主机名为“nowhere.localhost”的网站。"
