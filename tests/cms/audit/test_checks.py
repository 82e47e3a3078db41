"""The checks as pure functions at each rule's boundary, with fixed dates and the seeded
working-day calendar (春节 and 国庆 2026 with their make-up days)."""

import datetime as dt

import pytest
from django.test import override_settings

from cms.audit import checks
from cms.audit import rules as R
from cms.audit.data import ColumnData, DisclosureData, ReportData, RequestData, SiteData
from cms.audit.rules import Severity
from cms.core.inspection import UnansweredMessage
from cms.pages.column_types import ColumnType
from cms.requests.workflow import State
from cms.workdays.models import CalendarException, DayKind

pytestmark = pytest.mark.django_db
D = dt.date


JUNE_FIRST = D(2026, 6, 1)


def site(last_update=JUNE_FIRST, level="county") -> SiteData:
    return SiteData(1, "安宁县人民政府门户网站", "anning.localhost", level, 10, last_update)


def column(n: int, title="工作动态", column_type=ColumnType.NEWS, latest=None, items=1):
    return ColumnData(100 + n, 1, title, column_type, items, latest)


def disclosure(written, published=None, **extra) -> DisclosureData:
    values = dict(
        id=500,
        site_id=1,
        title="关于做好春季农业生产的通知",
        index_number="11610921MB0000000X/2026-00001",
        organisation="安宁县人民政府",
        written_date=written,
        published_on=published,
        live=published is not None,
    )
    values.update(extra)
    return DisclosureData(**values)


def codes(findings) -> list[str]:
    return [f.rule.code for f in findings]


# --- homepage and columns: 13 vs 14 days, 6 months, 4 vs 5 ------------------------------------


def test_homepage_fresh_at_13_days_and_a_veto_at_14():
    today = D(2026, 6, 15)
    assert checks.check_homepage(site(D(2026, 6, 2)), today) == []
    [finding] = checks.check_homepage(site(D(2026, 6, 1)), today)
    assert finding.severity == Severity.VETO and finding.rule == R.HOMEPAGE_STALE
    assert finding.admin_url == "/admin/pages/10/"
    assert "2026-06-01" in finding.explanation


def test_homepage_that_never_had_content_is_stale():
    assert codes(checks.check_homepage(site(None), D(2026, 6, 15))) == ["homepage_stale"]


def test_dynamic_column_stale_from_the_14th_day():
    today = D(2026, 6, 15)
    fresh = checks.check_columns(site(), [column(1, latest=D(2026, 6, 2))], today)
    stale = checks.check_columns(site(), [column(1, latest=D(2026, 6, 1))], today)
    assert fresh == []
    assert codes(stale) == ["dynamic_column_stale"]
    assert stale[0].severity == Severity.DEDUCTION
    assert stale[0].admin_url == "/admin/pages/101/add_subpage/"


def test_notice_and_policy_columns_stale_after_six_months():
    today = D(2026, 6, 15)
    notice = column(1, "通知公告", latest=D(2025, 12, 16))
    policy = column(2, "政策文件", ColumnType.POLICY, latest=D(2025, 12, 15))
    findings = checks.check_columns(site(), [notice, policy], today)
    assert [(f.rule.code, f.object_id) for f in findings] == [("notice_column_stale", 102)]
    # A 通知公告 column is not judged by the two-week rule of 动态要闻.
    assert checks.column_kind(notice) == checks.ColumnKind.NOTICE_POLICY


def empty_columns(n: int) -> list[ColumnData]:
    return [column(i, f"空栏目{i}", ColumnType.SERVICE, latest=None, items=0) for i in range(n)]


def test_four_empty_columns_are_deductions_five_are_a_veto():
    today = D(2026, 6, 15)
    four = checks.check_columns(site(), empty_columns(4), today)
    assert codes(four) == ["empty_column"] * 4
    assert all(f.severity == Severity.DEDUCTION for f in four)
    five = checks.check_columns(site(), empty_columns(5), today)
    vetoes = [f for f in five if f.severity == Severity.VETO]
    assert codes(vetoes) == ["veto_empty_columns"]
    assert "共5个" in vetoes[0].explanation and "空栏目4" in vetoes[0].explanation


def test_parent_columns_are_judged_by_their_leaves():
    parent = ColumnData(200, 1, "政务公开", ColumnType.GI_CATALOGUE, 0, None, has_subcolumns=True)
    assert checks.check_columns(site(), [parent], D(2026, 6, 15)) == []


def test_stale_columns_aggregate_dynamic_and_notice_kinds_to_five():
    today = D(2026, 6, 15)
    dynamic = [column(i, f"工作动态{i}", latest=D(2026, 5, 1)) for i in range(3)]
    notices = [column(10 + i, f"通知公告{i}", latest=D(2025, 11, 1)) for i in range(2)]
    fresh_notice = column(20, "通知公告新", latest=D(2026, 6, 1))
    four = checks.check_columns(site(), [*dynamic, notices[0], fresh_notice], today)
    assert "veto_columns_stale" not in codes(four)
    five = checks.check_columns(site(), [*dynamic, *notices, fresh_notice], today)
    [veto] = [f for f in five if f.severity == Severity.VETO]
    assert veto.rule == R.VETO_COLUMNS_STALE and "共5个" in veto.explanation


def test_ten_long_stale_columns_are_a_veto():
    today = D(2026, 6, 15)
    old = D(2025, 6, 15)  # 365 days
    nine = [column(i, f"统计信息{i}", ColumnType.DATA_RELEASE, latest=old) for i in range(9)]
    static = column(50, "机构职能", ColumnType.FUNCTIONS, latest=old)
    findings = checks.check_columns(site(), [*nine, static], today)
    assert codes(findings) == ["long_stale_column"] * 9
    ten = [*nine, column(9, "统计信息9", ColumnType.DATA_RELEASE, latest=old)]
    assert "veto_columns_long_stale" in codes(checks.check_columns(site(), ten, today))
    just_fresh = [
        column(i, f"统计{i}", ColumnType.DATA_RELEASE, latest=D(2025, 6, 16)) for i in range(10)
    ]
    assert checks.check_columns(site(), just_fresh, today) == []


@override_settings(JIYUE_AUDIT_LONG_STALE_DAYS=30)
def test_long_stale_period_is_a_setting():
    findings = checks.check_columns(
        site(),
        [column(1, "统计信息", ColumnType.DATA_RELEASE, latest=D(2026, 5, 16))],
        D(2026, 6, 15),
    )
    assert codes(findings) == ["long_stale_column"]


# --- disclosures: 20 vs 21 WD across 春节 and 国庆 ------------------------------------------------


def test_twenty_workdays_across_spring_festival_with_make_up_days():
    # 2026-02-10 (Tue) is day 0; 2/14 and 2/28 (Sat) are make-up days, 2/15–2/23 are off.
    written = D(2026, 2, 10)
    assert checks.disclosure_deadline(written) == D(2026, 3, 16)
    assert checks.check_disclosure(disclosure(written, D(2026, 3, 16)), D(2026, 6, 1)) == []
    [late] = checks.check_disclosure(disclosure(written, D(2026, 3, 17)), D(2026, 6, 1))
    assert late.rule == R.DISCLOSURE_LATE and late.severity == Severity.DEDUCTION
    assert "用时21个工作日" in late.explanation
    assert checks.register_row(disclosure(written, D(2026, 3, 16))).workdays == 20


def test_twenty_workdays_across_national_day_with_make_up_days():
    # 9/20 (Sun) and 10/10 (Sat) are worked; 9/25–9/27 and 10/1–10/7 are off.
    written = D(2026, 9, 18)
    assert checks.disclosure_deadline(written) == D(2026, 10, 22)
    on_time = checks.register_row(disclosure(written, D(2026, 10, 22)))
    late = checks.register_row(disclosure(written, D(2026, 10, 23)))
    assert (on_time.workdays, on_time.on_time) == (20, True)
    assert (late.workdays, late.on_time) == (21, False)


def test_publication_before_written_date_is_flagged():
    [finding] = checks.check_disclosure(disclosure(D(2026, 3, 10), D(2026, 3, 9)), D(2026, 6, 1))
    assert finding.rule == R.DISCLOSURE_BEFORE_WRITTEN


def test_draft_due_within_three_workdays_then_overdue():
    written = D(2026, 2, 10)  # deadline 2026-03-16 (Mon)
    draft = disclosure(written)
    assert checks.check_disclosure(draft, D(2026, 3, 10)) == []  # 4 WD left
    [soon] = checks.check_disclosure(draft, D(2026, 3, 11))  # 3 WD left
    assert soon.rule == R.DISCLOSURE_DRAFT_DUE_SOON and soon.severity == Severity.WARNING
    [last_day] = checks.check_disclosure(draft, D(2026, 3, 16))
    assert last_day.rule == R.DISCLOSURE_DRAFT_DUE_SOON
    [overdue] = checks.check_disclosure(draft, D(2026, 3, 17))
    assert overdue.rule == R.DISCLOSURE_DRAFT_OVERDUE and overdue.severity == Severity.DEDUCTION


def test_missing_metadata_names_every_missing_field():
    item = disclosure(
        D(2026, 3, 2), D(2026, 3, 3), index_number="", organisation="", has_summary=False
    )
    [finding] = checks.check_disclosure(item, D(2026, 6, 1))
    assert finding.rule == R.DISCLOSURE_METADATA
    assert finding.explanation == "缺少索引号、发布机构、内容概述。"
    assert finding.admin_url == "/admin/pages/500/edit/"


def test_policy_without_interpretation_is_a_warning():
    policy = disclosure(D(2026, 3, 2), D(2026, 3, 3), is_policy=True)
    [finding] = checks.check_disclosure(policy, D(2026, 6, 1))
    assert (finding.rule, finding.severity) == (R.POLICY_WITHOUT_INTERPRETATION, Severity.WARNING)
    explained = disclosure(D(2026, 3, 2), D(2026, 3, 3), is_policy=True, interpretation_count=1)
    assert checks.check_disclosure(explained, D(2026, 6, 1)) == []


# --- requests ----------------------------------------------------------------------------------


def case(state=State.REGISTERED, **extra) -> RequestData:
    values = dict(
        id=7,
        site_id=1,
        tracking_code="GK2345678923",
        state=state,
        received_date=D(2026, 3, 2),
        due_date=D(2026, 3, 30),
        wait_until=None,
        correction_notice_date=None,
        closed_date=None,
    )
    values.update(extra)
    return RequestData(**values)


def test_request_due_soon_then_overdue():
    assert checks.check_request(case(), D(2026, 3, 24)) == []  # due in 4 WD
    [soon] = checks.check_request(case(), D(2026, 3, 25))
    assert soon.rule == R.REQUEST_DUE_SOON and soon.admin_url == "/admin/yisqgk/7/"
    [due_today] = checks.check_request(case(), D(2026, 3, 30))
    assert due_today.rule == R.REQUEST_DUE_SOON
    [overdue] = checks.check_request(case(), D(2026, 3, 31))
    assert overdue.rule == R.REQUEST_OVERDUE and overdue.severity == Severity.DEDUCTION


def test_waiting_period_that_ran_out_is_overdue():
    waiting = case(State.AWAITING_CORRECTION, due_date=None, wait_until=D(2026, 3, 20))
    assert codes(checks.check_request(waiting, D(2026, 3, 23))) == ["request_overdue"]


def test_answered_late_and_on_time():
    on_time = case(State.ANSWERED, closed_date=D(2026, 3, 30))
    late = case(State.ANSWERED, closed_date=D(2026, 3, 31))
    assert checks.check_request(on_time, D(2026, 6, 1)) == []
    [finding] = checks.check_request(late, D(2026, 6, 1))
    assert finding.rule == R.REQUEST_ANSWERED_LATE and "逾期1个工作日" in finding.explanation


def test_correction_notice_later_than_seven_workdays():
    # Received 2026-03-02 (Mon): the 7th working day after is 2026-03-11.
    in_time = case(
        State.ANSWERED, correction_notice_date=D(2026, 3, 11), closed_date=D(2026, 3, 20)
    )
    late = case(State.ANSWERED, correction_notice_date=D(2026, 3, 12), closed_date=D(2026, 3, 20))
    assert checks.check_request(in_time, D(2026, 6, 1)) == []
    assert codes(checks.check_request(late, D(2026, 6, 1))) == ["request_late_correction"]


# --- messages, annual report, calendar -----------------------------------------------------------


def message(received_on) -> UnansweredMessage:
    return UnansweredMessage(1, 31, "小区门口路灯不亮", received_on, "/admin/interaction/31/")


def test_message_two_months_warning_three_months_veto():
    received = D(2026, 1, 15)
    assert checks.check_message(message(received), D(2026, 3, 14)) == []
    [warning] = checks.check_message(message(received), D(2026, 3, 15))
    assert (warning.rule, warning.severity) == (R.MESSAGE_UNANSWERED_WARNING, Severity.WARNING)
    [still_warning] = checks.check_message(message(received), D(2026, 4, 15))
    assert still_warning.severity == Severity.WARNING
    [veto] = checks.check_message(message(received), D(2026, 4, 16))
    assert (veto.rule, veto.severity) == (R.MESSAGE_UNANSWERED_VETO, Severity.VETO)
    assert veto.admin_url == "/admin/interaction/31/"


def test_annual_report_deadlines_for_departments_and_governments():
    none_published = ReportData(1, frozenset())
    department, government = site(level="department"), site(level="county")
    assert checks.check_annual_report(department, none_published, D(2026, 1, 31)) == []
    [missing] = checks.check_annual_report(department, none_published, D(2026, 2, 1))
    assert missing.rule == R.ANNUAL_REPORT_MISSING and "2025年度" in missing.title
    assert checks.check_annual_report(government, none_published, D(2026, 3, 31)) == []
    assert checks.check_annual_report(government, none_published, D(2026, 4, 1))
    published = ReportData(1, frozenset({2025}))
    assert checks.check_annual_report(government, published, D(2026, 4, 1)) == []


@override_settings(JIYUE_ANNUAL_REPORT_DEADLINES={"department": (1, 15), "government": (2, 28)})
def test_annual_report_deadline_is_configurable():
    assert checks.check_annual_report(
        site(level="department"), ReportData(1, frozenset()), D(2026, 1, 16)
    )
    assert checks.check_annual_report(
        site(level="county"), ReportData(1, frozenset()), D(2026, 3, 1)
    )


def test_calendar_without_next_year_warns_from_first_november():
    CalendarException.objects.filter(date__year=2027).delete()
    assert checks.check_calendar(D(2026, 10, 31)) == []
    [finding] = checks.check_calendar(D(2026, 11, 1))
    assert finding.rule == R.CALENDAR_NEXT_YEAR_MISSING and finding.site_id is None
    CalendarException.objects.create(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    assert checks.check_calendar(D(2026, 11, 1)) == []
