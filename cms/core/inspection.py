"""The contract between the message board (cms.interaction) and the inspection self-check
(cms.audit) for unanswered citizen messages (and between the 政务新媒体 registry and the audit for silent
accounts), and the one home of the §2 thresholds.

The message board knows which messages are valid and still unanswered; the audit knows how to turn
a lapse into a finding. Neither imports the other: the board exposes a callable named by the
`JIYUE_AUDIT_MESSAGE_SOURCE` setting that returns `UnansweredMessage` rows, and both sides classify
a message with `message_lapse()`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.module_loading import import_string

# 政府网站与政务新媒体检查指标（2019）: a valid message left unanswered for more than three months is
# a single-veto item (互动回应差); warn from two months.
MESSAGE_WARNING_MONTHS = 2
MESSAGE_VETO_MONTHS = 3


class MessageLapse(StrEnum):
    WARNING = "warning"
    VETO = "veto"


@dataclass(frozen=True)
class UnansweredMessage:
    """A valid (not marked invalid) message with no published reply yet."""

    site_id: int
    message_id: int
    title: str
    received_on: dt.date
    admin_url: str


MessageSource = Callable[[Iterable[int] | None, dt.date], Iterable[UnansweredMessage]]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def message_lapse(received_on: dt.date, today: dt.date) -> MessageLapse | None:
    """None while under two months; WARNING from the day two months have passed; VETO once more
    than three months have passed (the day after the three-month anniversary)."""
    if today > add_months(received_on, MESSAGE_VETO_MONTHS):
        return MessageLapse.VETO
    if today >= add_months(received_on, MESSAGE_WARNING_MONTHS):
        return MessageLapse.WARNING
    return None


def message_source() -> MessageSource | None:
    """The board's source of unanswered messages, or None where no board is installed."""
    path = getattr(settings, "JIYUE_AUDIT_MESSAGE_SOURCE", "")
    return import_string(path) if path else None


# 政府网站与政务新媒体检查指标（2019）and STANDARDS.md §5: an account with nothing delivered for
# longer than its threshold counts as silent (更新不及时); the default threshold is two weeks.
NEW_MEDIA_DEFAULT_SILENCE_DAYS = 14


@dataclass(frozen=True)
class SilentAccount:
    """A 政务新媒体 account in operation (运营中) with nothing delivered for longer than its
    threshold. The syndication registry (cms.newmedia) reports these; the audit scores them."""

    site_id: int
    account_id: int
    platform: str  # "wechat" | "weibo"
    name: str
    last_delivered_on: dt.date | None  # None: never delivered anything
    threshold_days: int
    admin_url: str


NewMediaSource = Callable[[Iterable[int] | None, dt.date], Iterable[SilentAccount]]


def new_media_source() -> NewMediaSource | None:
    """The registry's source of silent accounts, or None where no registry is installed yet."""
    path = getattr(settings, "JIYUE_AUDIT_NEWMEDIA_SOURCE", "")
    return import_string(path) if path else None
