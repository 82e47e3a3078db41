"""The inspection checks as pure functions: plain data in (cms.audit.data), findings out. Each
cites its rule from cms.audit.rules; dates are counted by cms.workdays.calendar, the one calendar.
No check queries the database (the calendar reads its cached table)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from cms.audit import links
from cms.audit import rules as R
from cms.audit.data import (
    ColumnData,
    DisclosureData,
    Finding,
    RegisterRow,
    ReportData,
    RequestData,
    SiteData,
)
from cms.audit.rules import Severity
from cms.core.inspection import (
    MessageLapse,
    SilentAccount,
    UnansweredMessage,
    add_months,
    message_lapse,
)
from cms.pages.column_types import ColumnType
from cms.requests.workflow import CORRECTION_NOTICE_WORKDAYS, DUE_SOON_WORKDAYS, WAITING, State
from cms.workdays.calendar import add_workdays, workdays_between, years_without_data

# Within one audit run the calendar does not change, and many disclosures share the same pair of
# dates: counting each pair once keeps a 100,000-page run in seconds. The engine clears these at
# the start of every run, so an edited calendar is always read afresh.
_between_memo: dict[tuple[dt.date, dt.date], int] = {}
_add_memo: dict[tuple[dt.date, int], dt.date] = {}


def clear_memo() -> None:
    _between_memo.clear()
    _add_memo.clear()


def _workdays_between(a: dt.date, b: dt.date) -> int:
    key = (a, b)
    if key not in _between_memo:
        _between_memo[key] = workdays_between(a, b)
    return _between_memo[key]


def _add_workdays(day: dt.date, n: int) -> dt.date:
    key = (day, n)
    if key not in _add_memo:
        _add_memo[key] = add_workdays(day, n)
    return _add_memo[key]


class ColumnKind(StrEnum):
    DYNAMIC = "动态要闻"
    NOTICE_POLICY = "通知公告政策文件"
    STATIC = "基本信息"
    OTHER = "其他"


# Columns whose content is fixed (概况, 职能, 负责人, 指南) or covered by its own rule (年报):
# counted when empty, never as stale.
STATIC_COLUMN_TYPES = frozenset(
    {
        ColumnType.OVERVIEW,
        ColumnType.FUNCTIONS,
        ColumnType.LEADERS,
        ColumnType.GI_GUIDE,
        ColumnType.GI_REQUEST,
        ColumnType.GI_ANNUAL_REPORT,
    }
)


def column_kind(column: ColumnData) -> ColumnKind:
    if column.column_type == ColumnType.POLICY:
        return ColumnKind.NOTICE_POLICY
    if column.column_type == ColumnType.NEWS:
        if any(word in column.title for word in R.NOTICE_TITLE_WORDS):
            return ColumnKind.NOTICE_POLICY
        return ColumnKind.DYNAMIC
    if column.column_type in STATIC_COLUMN_TYPES:
        return ColumnKind.STATIC
    return ColumnKind.OTHER


def _days_since(day: dt.date | None, today: dt.date) -> int | None:
    return None if day is None else (today - day).days


def is_two_weeks_stale(last: dt.date | None, today: dt.date, days: int) -> bool:
    """Not updated within `days` days: 13 days after the last update is fresh, 14 is stale."""
    return last is None or (today - last).days >= days


def is_months_stale(last: dt.date | None, today: dt.date, months: int) -> bool:
    return last is None or today >= add_months(last, months)


# --- homepage and columns -------------------------------------------------------------------


def check_homepage(site: SiteData, today: dt.date) -> list[Finding]:
    if not is_two_weeks_stale(site.last_update, today, R.HOMEPAGE_STALE_DAYS):
        return []
    since = f"最近一次更新为{site.last_update:%Y-%m-%d}，" if site.last_update else "从未更新，"
    return [
        Finding(
            Severity.VETO,
            R.HOMEPAGE_STALE,
            site.id,
            "site",
            site.home_id,
            site.name,
            f"首页{since}已超过{R.HOMEPAGE_STALE_DAYS}天没有新内容（单项否决）。",
            links.page_explore(site.home_id),
        )
    ]


def check_columns(site: SiteData, columns: Iterable[ColumnData], today: dt.date) -> list[Finding]:
    """Per-column findings, then the three single-veto aggregations of 检查指标 栏目不更新."""
    findings: list[Finding] = []
    short_stale: list[ColumnData] = []
    long_stale: list[ColumnData] = []
    empty: list[ColumnData] = []
    long_days = R.long_stale_days()
    for column in columns:
        if column.has_subcolumns:
            continue  # judged by its leaf columns
        kind = column_kind(column)
        url = links.column_add_item(column.id)
        if column.item_count == 0:
            empty.append(column)
            findings.append(
                Finding(
                    Severity.DEDUCTION,
                    R.EMPTY_COLUMN,
                    site.id,
                    "column",
                    column.id,
                    column.title,
                    f"栏目“{column.title}”没有任何已发布内容（空白栏目）。",
                    url,
                )
            )
            continue
        last = column.latest_item
        if kind == ColumnKind.DYNAMIC and is_two_weeks_stale(last, today, R.DYNAMIC_STALE_DAYS):
            short_stale.append(column)
            findings.append(
                Finding(
                    Severity.DEDUCTION,
                    R.DYNAMIC_COLUMN_STALE,
                    site.id,
                    "column",
                    column.id,
                    column.title,
                    f"动态要闻类栏目“{column.title}”最近更新于{last:%Y-%m-%d}，"
                    f"已{_days_since(last, today)}天未更新（要求{R.DYNAMIC_STALE_DAYS}天内）。",
                    url,
                )
            )
        elif kind == ColumnKind.NOTICE_POLICY and is_months_stale(
            last, today, R.NOTICE_STALE_MONTHS
        ):
            short_stale.append(column)
            findings.append(
                Finding(
                    Severity.DEDUCTION,
                    R.NOTICE_COLUMN_STALE,
                    site.id,
                    "column",
                    column.id,
                    column.title,
                    f"通知公告、政策文件类栏目“{column.title}”最近更新于{last:%Y-%m-%d}，"
                    f"已超过{R.NOTICE_STALE_MONTHS}个月未更新。",
                    url,
                )
            )
        if kind != ColumnKind.STATIC and last is not None and (today - last).days >= long_days:
            long_stale.append(column)
            if kind == ColumnKind.OTHER:
                findings.append(
                    Finding(
                        Severity.DEDUCTION,
                        R.LONG_STALE_COLUMN,
                        site.id,
                        "column",
                        column.id,
                        column.title,
                        f"栏目“{column.title}”最近更新于{last:%Y-%m-%d}，已{long_days}天以上未更新。",
                        url,
                    )
                )
    findings.extend(_column_vetoes(site, short_stale, long_stale, empty))
    return findings


def _names(columns: list[ColumnData]) -> str:
    return "、".join(f"“{c.title}”" for c in columns)


def _column_vetoes(
    site: SiteData,
    short_stale: list[ColumnData],
    long_stale: list[ColumnData],
    empty: list[ColumnData],
) -> list[Finding]:
    vetoes: list[Finding] = []
    explore = links.page_explore(site.home_id)
    # (a) 动态要闻 not updated in 2 weeks plus 通知公告/政策文件 not updated in 6 months, together.
    if len(short_stale) >= R.VETO_STALE_COLUMNS:
        vetoes.append(
            Finding(
                Severity.VETO,
                R.VETO_COLUMNS_STALE,
                site.id,
                "site",
                site.home_id,
                site.name,
                f"动态要闻类栏目2周内、通知公告政策文件类栏目6个月内未更新的栏目共{len(short_stale)}个"
                f"（达到{R.VETO_STALE_COLUMNS}个即单项否决）：{_names(short_stale)}。",
                explore,
            )
        )
    if len(long_stale) >= R.VETO_LONG_STALE_COLUMNS:
        vetoes.append(
            Finding(
                Severity.VETO,
                R.VETO_COLUMNS_LONG_STALE,
                site.id,
                "site",
                site.home_id,
                site.name,
                f"应更新但长期未更新的栏目共{len(long_stale)}个"
                f"（达到{R.VETO_LONG_STALE_COLUMNS}个即单项否决）：{_names(long_stale)}。",
                explore,
            )
        )
    if len(empty) >= R.VETO_EMPTY_COLUMNS:
        vetoes.append(
            Finding(
                Severity.VETO,
                R.VETO_EMPTY,
                site.id,
                "site",
                site.home_id,
                site.name,
                f"空白栏目共{len(empty)}个（达到{R.VETO_EMPTY_COLUMNS}个即单项否决）：{_names(empty)}。",
                explore,
            )
        )
    return vetoes


# --- disclosures ----------------------------------------------------------------------------


def disclosure_deadline(written_date: dt.date) -> dt.date:
    """条例 第二十六条: the 20th working day after 成文日期 or 变更日期 (day 0)."""
    return _add_workdays(written_date, R.DISCLOSURE_WORKDAYS)


def clock(item: DisclosureData) -> tuple[dt.date, dt.date | None, bool]:
    """(day 0, the publication that stops the clock, whether it runs from a change). 条例 第二十六条:
    from the later of 成文日期 and 变更日期 to the publication of the version carrying it."""
    if item.changed_date is not None and item.changed_date > item.written_date:
        end = item.change_published_on or item.published_on
        return item.changed_date, end if item.published_on else None, True
    return item.written_date, item.published_on, False


def register_row(item: DisclosureData) -> RegisterRow | None:
    start, end, changed = clock(item)
    if end is None:
        return None
    taken = _workdays_between(start, end)
    return RegisterRow(
        page_id=item.id,
        site_id=item.site_id,
        index_number=item.index_number,
        title=item.title,
        organisation=item.organisation,
        written_date=item.written_date,
        published_on=end,
        workdays=taken,
        on_time=taken <= R.DISCLOSURE_WORKDAYS,
        admin_url=links.page_edit(item.id),
        changed_date=item.changed_date if changed else None,
    )


def _dates(item: DisclosureData, published: dt.date | None = None) -> str:
    text = f"成文日期{item.written_date:%Y-%m-%d}"
    if item.changed_date is not None and item.changed_date > item.written_date:
        text += f"，变更日期{item.changed_date:%Y-%m-%d}"
    if published is not None:
        what = "变更后发布日期" if "变更日期" in text else "发布日期"
        text += f"，{what}{published:%Y-%m-%d}"
    return text


def check_disclosure(
    item: DisclosureData, today: dt.date, row: RegisterRow | None = None
) -> list[Finding]:
    url = links.page_edit(item.id)

    def finding(severity: Severity, rule: R.Rule, text: str) -> Finding:
        return Finding(severity, rule, item.site_id, "page", item.id, item.title, text, url)

    findings: list[Finding] = []
    start, _end, _changed = clock(item)
    if item.published_on is None:
        deadline = disclosure_deadline(start)
        if today > deadline:
            findings.append(
                finding(
                    Severity.DEDUCTION,
                    R.DISCLOSURE_DRAFT_OVERDUE,
                    f"{_dates(item)}，应于{deadline:%Y-%m-%d}前公开，至今仍未发布。",
                )
            )
        elif _workdays_between(today, deadline) <= R.DISCLOSURE_DUE_SOON_WORKDAYS:
            findings.append(
                finding(
                    Severity.WARNING,
                    R.DISCLOSURE_DRAFT_DUE_SOON,
                    f"{_dates(item)}，须于{deadline:%Y-%m-%d}前公开"
                    f"（剩余{workdays_between(today, deadline)}个工作日）。",
                )
            )
        return findings
    row = row or register_row(item)
    assert row is not None
    if row.workdays < 0:
        findings.append(
            finding(
                Severity.WARNING,
                R.DISCLOSURE_BEFORE_WRITTEN,
                f"{_dates(item, row.published_on)}，发布早于起算日期，请核对成文日期或变更日期。",
            )
        )
    elif not row.on_time:
        findings.append(
            finding(
                Severity.DEDUCTION,
                R.DISCLOSURE_LATE,
                f"{_dates(item, row.published_on)}，"
                f"用时{row.workdays}个工作日，超过{R.DISCLOSURE_WORKDAYS}个工作日。",
            )
        )
    if item.live:
        missing = [
            label
            for label, present in (
                ("索引号", bool(item.index_number)),
                ("发布机构", bool(item.organisation)),
                ("内容概述", item.has_summary),
                ("主题分类", item.has_topic),
            )
            if not present
        ]
        if missing:
            findings.append(
                finding(
                    Severity.DEDUCTION,
                    R.DISCLOSURE_METADATA,
                    f"缺少{'、'.join(missing)}。",
                )
            )
        if item.is_policy and item.interpretation_count == 0:
            findings.append(
                finding(
                    Severity.WARNING,
                    R.POLICY_WITHOUT_INTERPRETATION,
                    "该政策文件尚无关联的政策解读。",
                )
            )
    return findings


# --- requests -------------------------------------------------------------------------------


def check_request(case: RequestData, today: dt.date) -> list[Finding]:
    url = links.request_case(case.id)

    def finding(severity: Severity, rule: R.Rule, text: str) -> Finding:
        label = f"申请 {case.tracking_code}"
        return Finding(severity, rule, case.site_id, "request", case.id, label, text, url)

    findings: list[Finding] = []
    if case.correction_notice_date and case.received_date:
        latest = add_workdays(case.received_date, CORRECTION_NOTICE_WORKDAYS)
        if case.correction_notice_date > latest:
            findings.append(
                finding(
                    Severity.DEDUCTION,
                    R.REQUEST_LATE_CORRECTION,
                    f"收到申请{case.received_date:%Y-%m-%d}，补正通知发出于"
                    f"{case.correction_notice_date:%Y-%m-%d}，晚于{latest:%Y-%m-%d}。",
                )
            )
    if case.state == State.ANSWERED:
        if case.closed_date and case.due_date and case.closed_date > case.due_date:
            findings.append(
                finding(
                    Severity.DEDUCTION,
                    R.REQUEST_ANSWERED_LATE,
                    f"答复期限{case.due_date:%Y-%m-%d}，实际答复{case.closed_date:%Y-%m-%d}，"
                    f"逾期{workdays_between(case.due_date, case.closed_date)}个工作日。",
                )
            )
        return findings
    if case.state == State.REGISTERED:
        deadline, what = case.due_date, "答复期限"
    elif case.state in WAITING:
        deadline, what = case.wait_until, "等待期限"
    else:
        return findings
    if deadline is None:
        return findings
    if deadline < today:
        findings.append(
            finding(
                Severity.DEDUCTION,
                R.REQUEST_OVERDUE,
                f"{what}{deadline:%Y-%m-%d}已过，尚未办结。",
            )
        )
    elif deadline <= add_workdays(today, DUE_SOON_WORKDAYS):
        findings.append(
            finding(
                Severity.WARNING,
                R.REQUEST_DUE_SOON,
                f"{what}{deadline:%Y-%m-%d}，{DUE_SOON_WORKDAYS}个工作日内到期。",
            )
        )
    return findings


# --- messages, annual report, calendar -------------------------------------------------------


def check_message(message: UnansweredMessage, today: dt.date) -> list[Finding]:
    lapse = message_lapse(message.received_on, today)
    if lapse is None:
        return []
    veto = lapse == MessageLapse.VETO
    months = 3 if veto else 2
    return [
        Finding(
            Severity.VETO if veto else Severity.WARNING,
            R.MESSAGE_UNANSWERED_VETO if veto else R.MESSAGE_UNANSWERED_WARNING,
            message.site_id,
            "message",
            message.message_id,
            message.title,
            f"留言收到于{message.received_on:%Y-%m-%d}，已超过{months}个月未答复"
            + ("（单项否决）。" if veto else "。"),
            message.admin_url,
        )
    ]


def check_site_report(site: SiteData, report: ReportData, today: dt.date) -> list[Finding]:
    """国办函〔2018〕12号: last year's 政府网站工作年度报表, on the site by 31 January."""
    from cms.reports.site_models import site_report_deadline

    year = today.year - 1
    deadline = site_report_deadline(year)
    if today <= deadline or year in report.site_report_years:
        return []
    return [
        Finding(
            Severity.DEDUCTION,
            R.SITE_REPORT_MISSING,
            site.id,
            "site_report",
            year,
            f"{year}年度政府网站工作年度报表",
            f"{year}年度网站工作年度报表应于{deadline:%Y-%m-%d}前在网站发布，至今未发布。",
            links.site_reports(),
        )
    ]


PLATFORM_NAMES = {"wechat": "微信公众号", "weibo": "微博"}


def is_silent(last: dt.date | None, today: dt.date, threshold_days: int) -> bool:
    """cms.core.inspection.SilentAccount: nothing delivered for *longer than* the threshold, so
    with 14 days an account last delivered 14 days ago is still fine and 15 days ago is silent."""
    return last is None or (today - last).days > threshold_days


def check_new_media(account: SilentAccount, today: dt.date) -> list[Finding]:
    """One 扣分 per silent account; the registry decides which accounts it reports, the audit
    checks the threshold again so a stale or lenient source cannot overstate it."""
    if not is_silent(account.last_delivered_on, today, account.threshold_days):
        return []
    platform = PLATFORM_NAMES.get(account.platform, account.platform)
    if account.last_delivered_on is None:
        since = "从未推送过内容"
    else:
        days = (today - account.last_delivered_on).days
        since = f"最近一次推送为{account.last_delivered_on:%Y-%m-%d}，已{days}天未更新"
    abandoned = account.last_delivered_on is None or today > add_months(
        account.last_delivered_on, R.NEW_MEDIA_ABANDONED_MONTHS
    )
    return [
        Finding(
            Severity.DEDUCTION,
            R.NEW_MEDIA_SILENT,
            account.site_id,
            "newmedia",
            account.account_id,
            f"{platform}“{account.name}”",
            f"{since}（要求{account.threshold_days}天内更新）"
            + (
                f"；超过{R.NEW_MEDIA_ABANDONED_MONTHS}个月未更新视为僵尸账号，应整改或关停。"
                if abandoned
                else "。"
            ),
            account.admin_url,
        )
    ]


def check_annual_report(site: SiteData, report: ReportData, today: dt.date) -> list[Finding]:
    from cms.reports.models import publication_deadline

    year = today.year - 1
    deadline = publication_deadline(site.level, year)
    if today <= deadline or year in report.published_years:
        return []
    return [
        Finding(
            Severity.DEDUCTION,
            R.ANNUAL_REPORT_MISSING,
            site.id,
            "report",
            year,
            f"{year}年度政府信息公开工作年度报告",
            f"{year}年度报告应于{deadline:%Y-%m-%d}前发布，至今未发布。"
            + ("" if report.has_organisation else "本站尚未登记机构。"),
            links.annual_reports(),
        ),
    ]


def check_calendar(today: dt.date) -> list[Finding]:
    """Platform-wide: the calendar must know this year, and next year from 1 November."""
    findings: list[Finding] = []
    if years_without_data(today):
        findings.append(
            Finding(
                Severity.DEDUCTION,
                R.CALENDAR_YEAR_MISSING,
                None,
                "calendar",
                today.year,
                f"{today.year}年工作日历",
                f"工作日历没有{today.year}年的节假日和调休数据，所有期限按周一至周五计算，可能不准确。",
                links.workday_calendar(),
            )
        )
    next_year = dt.date(today.year + 1, 1, 1)
    if today.month >= R.CALENDAR_WARNING_MONTH and years_without_data(next_year):
        findings.append(
            Finding(
                Severity.WARNING,
                R.CALENDAR_NEXT_YEAR_MISSING,
                None,
                "calendar",
                next_year.year,
                f"{next_year.year}年工作日历",
                f"已到{today.year}年{R.CALENDAR_WARNING_MONTH}月，工作日历还没有{next_year.year}年的"
                "节假日安排；国务院公布后请及时录入。",
                links.workday_calendar(),
            )
        )
    return findings
