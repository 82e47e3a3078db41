"""条例 第二十六条 "自该政府信息形成或者变更之日起20个工作日内": a 变更日期 restarts the clock, which then
runs to the publication of the first revision carrying that 变更日期 (20 vs 21 WD across 春节 and
国庆 2026 with their make-up days); the field's validation; the register shows the change."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.audit import checks
from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.core.publishing import publish_page
from tests.cms.audit.test_checks import disclosure
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
D = dt.date
FIRST = (D(2025, 12, 1), D(2025, 12, 5))  # 成文日期, first publication: long on time


def changed(change, change_published, **extra):
    written, published = FIRST
    return disclosure(
        written, published, changed_date=change, change_published_on=change_published, **extra
    )


def test_change_across_spring_festival_twenty_vs_twenty_one_workdays():
    # 变更日期 2026-02-10 (Tue) is day 0; 2/14 and 2/28 (Sat) worked, 2/15–2/23 off → 3/16.
    on_time = checks.register_row(changed(D(2026, 2, 10), D(2026, 3, 16)))
    assert (on_time.workdays, on_time.on_time, on_time.changed_date) == (20, True, D(2026, 2, 10))
    assert on_time.published_on == D(2026, 3, 16) and on_time.written_date == FIRST[0]
    assert checks.check_disclosure(changed(D(2026, 2, 10), D(2026, 3, 16)), D(2026, 6, 1)) == []
    [late] = checks.check_disclosure(changed(D(2026, 2, 10), D(2026, 3, 17)), D(2026, 6, 1))
    assert late.rule == R.DISCLOSURE_LATE
    assert "变更日期2026-02-10，变更后发布日期2026-03-17，用时21个工作日" in late.explanation


def test_change_across_national_day_twenty_vs_twenty_one_workdays():
    # 9/20 (Sun) and 10/10 (Sat) worked; 9/25–9/27 and 10/1–10/7 off → 10/22.
    assert checks.register_row(changed(D(2026, 9, 18), D(2026, 10, 22))).on_time
    late = checks.register_row(changed(D(2026, 9, 18), D(2026, 10, 23)))
    assert (late.workdays, late.on_time) == (21, False)


def test_a_change_date_not_after_the_written_date_changes_nothing():
    row = checks.register_row(changed(FIRST[0], D(2026, 3, 17)))
    assert row.changed_date is None and row.published_on == FIRST[1] and row.on_time


def test_unpublished_change_counts_its_deadline_from_the_change():
    draft = disclosure(D(2025, 12, 1), None, changed_date=D(2026, 2, 10))
    [soon] = checks.check_disclosure(draft, D(2026, 3, 11))  # 3 WD before 3/16
    assert soon.rule == R.DISCLOSURE_DRAFT_DUE_SOON and "变更日期2026-02-10" in soon.explanation
    [overdue] = checks.check_disclosure(draft, D(2026, 3, 17))
    assert overdue.rule == R.DISCLOSURE_DRAFT_OVERDUE


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_the_clock_stops_at_the_first_publication_carrying_the_change(
    cluster, orgs, make_disclosure, settings, make_user
):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False,
        written_date=D(2026, 1, 5),
    )  # fmt: skip
    page = publish_page(page, first_published_at=at(D(2026, 1, 6)))
    page.changed_date = D(2026, 9, 18)
    page.summary = "变更后的内容概述。"
    publish_page(page)  # the revision carrying the change
    page.body = "<p>改正一个错别字。</p>"
    publish_page(page)  # a later revision: must not move the clock
    entries = list(
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").order_by("pk")
    )
    assert len(entries) == 3
    PageLogEntry.objects.filter(pk=entries[1].pk).update(timestamp=at(D(2026, 10, 22)))
    PageLogEntry.objects.filter(pk=entries[2].pk).update(timestamp=at(D(2026, 11, 20)))

    def row():
        site = run_audit([cluster.county_a], D(2026, 12, 1)).sites[0]
        return next(r for r in site.register if r.page_id == page.pk)

    first = row()
    assert (first.changed_date, first.published_on, first.workdays) == (
        D(2026, 9, 18),
        D(2026, 10, 22),
        20,
    )
    assert first.on_time
    PageLogEntry.objects.filter(pk=entries[1].pk).update(timestamp=at(D(2026, 10, 23)))
    assert (row().workdays, row().on_time) == (21, False)

    admin = make_user("root", superuser=True)
    page_html = host_client(CITY_HOST, admin).get(f"/admin/audit/site/{cluster.county_a.pk}/")
    assert "2026-09-18" in page_html.content.decode()


def test_change_date_validation(cluster, orgs, make_disclosure):
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], written_date=D(2026, 3, 2)
    )
    page.changed_date = D(2026, 3, 1)
    with pytest.raises(ValidationError) as early:
        page.full_clean()
    assert early.value.message_dict["changed_date"] == ["变更日期不能早于成文日期。"]
    page.changed_date = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        page.full_clean()
    assert "变更日期不能晚于今天" in future.value.message_dict["changed_date"][0]
