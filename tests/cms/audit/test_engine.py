"""The audit over real data: what gather() reads from the cluster, findings that link to the page
that causes them, the message-board contract, and a query count that does not grow with pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.audit.rules import Severity
from cms.core.inspection import UnansweredMessage
from cms.pages.models import ArticlePage
from fixtures.factories import ArticlePageFactory
from tests.cms.audit import fake_messages

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def publish_article(column, day: dt.date, n: int) -> ArticlePage:
    page = ArticlePageFactory.build(title=f"工作动态第{n}期", slug=f"a{n}-{column.pk}", live=False)
    column.add_child(instance=page)
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=at(day), last_published_at=at(day)
    )
    return page


def age_site(profile, day: dt.date) -> None:
    """Provisioning publishes the home and guide pages now; move them to `day`."""
    from wagtail.models import Page

    Page.objects.descendant_of(profile.site.root_page, inclusive=True).update(
        first_published_at=at(day), last_published_at=at(day)
    )


def site_result(result, profile):
    return next(s for s in result.sites if s.site.id == profile.pk)


def test_new_site_shows_empty_columns_as_a_veto(cluster):
    age_site(cluster.county_a, TODAY - dt.timedelta(days=14))
    result = run_audit([cluster.county_a], TODAY)
    site = site_result(result, cluster.county_a)
    empty = [f for f in site.findings if f.rule == R.EMPTY_COLUMN]
    # A freshly provisioned site has every leaf column empty: far more than five.
    assert len(empty) >= R.VETO_EMPTY_COLUMNS
    assert site.veto
    assert {f.rule.code for f in site.findings if f.severity == Severity.VETO} >= {
        "veto_empty_columns",
        "homepage_stale",
    }
    news = cluster.column(cluster.county_a, "gzdt")
    [news_finding] = [f for f in empty if f.object_id == news.pk]
    assert news_finding.admin_url == f"/admin/pages/{news.pk}/add_subpage/"


def test_published_item_freshens_column_and_homepage(cluster):
    age_site(cluster.county_a, dt.date(2026, 1, 5))
    news = cluster.column(cluster.county_a, "gzdt")
    publish_article(news, TODAY - dt.timedelta(days=13), 1)
    site = site_result(run_audit([cluster.county_a], TODAY), cluster.county_a)
    codes = {(f.rule.code, f.object_id) for f in site.findings}
    assert ("empty_column", news.pk) not in codes
    assert ("dynamic_column_stale", news.pk) not in codes
    assert not any(f.rule == R.HOMEPAGE_STALE for f in site.findings)
    later = site_result(
        run_audit([cluster.county_a], TODAY + dt.timedelta(days=1)), cluster.county_a
    )
    assert any(f.rule == R.HOMEPAGE_STALE for f in later.findings)
    assert ("dynamic_column_stale", news.pk) in {(f.rule.code, f.object_id) for f in later.findings}


def test_late_disclosure_links_to_its_page_and_fills_the_register(cluster, orgs, make_disclosure):
    column = cluster.column(cluster.county_a, "fgwj")
    written = dt.date(2026, 2, 10)
    on_time = make_disclosure(
        column, orgs["county_a"], written_date=written, first_published_at=at(dt.date(2026, 3, 16))
    )
    late = make_disclosure(
        column, orgs["county_a"], written_date=written, first_published_at=at(dt.date(2026, 3, 17))
    )
    site = site_result(run_audit([cluster.county_a], TODAY), cluster.county_a)
    [finding] = [f for f in site.findings if f.rule == R.DISCLOSURE_LATE]
    assert finding.object_id == late.pk and finding.admin_url == f"/admin/pages/{late.pk}/edit/"
    rows = {row.page_id: row for row in site.register}
    assert (rows[on_time.pk].workdays, rows[on_time.pk].on_time) == (20, True)
    assert (rows[late.pk].workdays, rows[late.pk].on_time) == (21, False)
    assert rows[late.pk].index_number == late.index_number != ""
    assert rows[late.pk].organisation == "安宁县人民政府"
    assert site.punctuality == 50.0


def test_sites_do_not_see_each_others_pages(cluster, orgs, make_disclosure):
    column = cluster.column(cluster.county_b, "fgwj")
    make_disclosure(column, orgs["county_b"], written_date=dt.date(2026, 1, 5))
    result = run_audit(None, TODAY)
    a = site_result(result, cluster.county_a)
    b = site_result(result, cluster.county_b)
    assert a.register == [] and len(b.register) == 1
    assert all(f.site_id == cluster.county_a.pk for f in a.findings)


def test_unanswered_messages_come_only_through_the_contract(cluster, settings):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = "tests.cms.audit.fake_messages.source"
    fake_messages.CALLS.clear()
    fake_messages.MESSAGES[:] = [
        UnansweredMessage(cluster.county_a.pk, 1, "路灯不亮", dt.date(2026, 3, 15), "/admin/m/1/"),
        UnansweredMessage(cluster.county_a.pk, 2, "噪声扰民", dt.date(2026, 3, 14), "/admin/m/2/"),
        UnansweredMessage(cluster.county_a.pk, 3, "新留言", dt.date(2026, 6, 1), "/admin/m/3/"),
        UnansweredMessage(cluster.county_b.pk, 4, "别的网站", dt.date(2026, 1, 1), "/admin/m/4/"),
    ]
    try:
        site = site_result(run_audit([cluster.county_a], TODAY), cluster.county_a)
    finally:
        fake_messages.MESSAGES.clear()
    messages = {f.object_id: f for f in site.findings if f.object_type == "message"}
    assert set(messages) == {1, 2}
    assert messages[1].severity == Severity.WARNING  # exactly three months: still a warning
    assert messages[2].severity == Severity.VETO and messages[2].admin_url == "/admin/m/2/"
    assert [([cluster.county_a.pk], TODAY)] == fake_messages.CALLS


def test_without_a_message_board_nothing_is_asked(cluster, settings):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""
    site = site_result(run_audit([cluster.county_a], TODAY), cluster.county_a)
    assert not any(f.object_type == "message" for f in site.findings)


def count_queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


@override_settings(JIYUE_AUDIT_MESSAGE_SOURCE="")
def test_query_count_does_not_grow_with_pages(cluster, orgs, make_disclosure):
    news = cluster.column(cluster.county_a, "gzdt")
    policy = cluster.column(cluster.county_a, "fgwj")

    def add(n_from: int, n_to: int) -> None:
        for n in range(n_from, n_to):
            publish_article(news, TODAY - dt.timedelta(days=n), n)
            make_disclosure(policy, orgs["county_a"], written_date=dt.date(2026, 3, 2))

    add(0, 2)
    few = count_queries(lambda: run_audit(None, TODAY))
    add(2, 12)
    many = count_queries(lambda: run_audit(None, TODAY))
    assert many == few
    # One query per data kind and per rich-text page model (常见问题 is one), plus the stored
    # external-link results, the published 年度报表 years, the publications carrying a 变更日期
    # and the silent 政务新媒体 accounts.
    assert few <= 26
