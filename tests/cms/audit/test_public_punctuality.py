"""The optional public punctuality page (issue 10 item 8): off by default (404, no link); the site's
moderators switch it on from the scorecard (auditors and editors cannot; another site is a 404);
then /asgkqk/ shows this and last year's counts, on-time rate and late items with 索引号, only for
publicly listable disclosures, and the 政务公开 column links to it."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from cms.audit.models import PublicTransparency
from cms.pages.models import Withdrawal
from cms.workdays.calendar import workdays_between
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    """10:00 on `day`, or now if that is still ahead (a publication is never dated in the future)."""
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(10))), timezone.now())


def written_before(day: dt.date, workdays: int) -> dt.date:
    written = day
    while workdays_between(written, day) < workdays:
        written -= dt.timedelta(days=1)
    return written


@pytest.fixture
def disclosures(cluster, orgs, make_disclosure):
    today = timezone.localdate()
    column = cluster.column(cluster.county_a, "fgwj")
    org = orgs["county_a"]

    def make(title, written, published):
        return make_disclosure(
            column, org, title=title, written_date=written, first_published_at=at(published)
        )

    return {
        "on_time": make("按时公开的通知", today, today),
        "late": make("逾期公开的通知", written_before(today, 21), today),
        "late_withdrawn": make("已撤稿的逾期通知", written_before(today, 25), today),
        "last_year_late": make(
            "上年逾期公开的通知", dt.date(today.year - 1, 9, 1), dt.date(today.year - 1, 12, 1)
        ),
    }


def test_off_by_default_then_switched_on_by_the_sites_moderator(cluster, disclosures, make_user):
    cache.clear()
    Withdrawal.objects.create(page=disclosures["late_withdrawn"], reason="内容有误")
    public = host_client(COUNTY_A_HOST)
    assert public.get("/asgkqk/").status_code == 404
    assert "/asgkqk/" not in public.get("/zwgk/").content.decode()

    auditor = make_user("shenji", groups=[Group.objects.get(name="审计员")])
    editor = make_user("anning_editor", groups=[cluster.county_a.editors_group])
    other = make_user("qingyuan_mod", groups=[cluster.county_b.moderators_group])
    moderator = make_user("anning_mod", groups=[cluster.county_a.moderators_group])
    url = f"/admin/audit/site/{cluster.county_a.pk}/transparency/"
    for user in (auditor, editor):
        # Wagtail answers 403 to scripts and redirects a browser to the dashboard.
        client = host_client(CITY_HOST, user)
        denied = client.post(url, {"enabled": "1"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert denied.status_code == 403
        assert client.post(url, {"enabled": "1"})["Location"] == "/admin/"
    assert host_client(CITY_HOST, other).post(url, {"enabled": "1"}).status_code == 404
    assert not PublicTransparency.objects.filter(enabled=True).exists()
    staff = host_client(CITY_HOST, moderator)
    card = staff.get(f"/admin/audit/site/{cluster.county_a.pk}/").content.decode()
    assert "在网站公开本年度和上一年度按时公开情况" in card
    assert staff.post(url, {"enabled": "1"}).status_code == 302
    assert "已在网站公开" in staff.get(f"/admin/audit/site/{cluster.county_a.pk}/").content.decode()

    html = public.get("/asgkqk/").content.decode()
    this_year, last_year = timezone.localdate().year, timezone.localdate().year - 1
    assert "主动公开信息按时公开情况" in html and "第二十六条" in html
    this_part, last_part = html.split(f"{last_year}年</h2>")
    assert "共公开 <strong>2</strong> 条，按时公开 <strong>1</strong> 条" in this_part
    assert "按时公开率 <strong>50.0%</strong>" in this_part
    assert disclosures["late"].index_number in this_part and "逾期公开的通知" in this_part
    assert "已撤稿的逾期通知" not in html  # not publicly listable
    assert "按时公开的通知" not in html  # on time: counted, not listed
    assert "共公开 <strong>1</strong> 条，按时公开 <strong>0</strong> 条" in last_part
    assert "上年逾期公开的通知" in last_part
    assert f"{this_year}年" in this_part
    assert "/asgkqk/" in public.get("/zwgk/").content.decode()
    assert host_client("qingyuan.localhost").get("/asgkqk/").status_code == 404

    assert staff.post(url, {"enabled": "0"}).status_code == 302
    assert public.get("/asgkqk/").status_code == 404
