"""Working-day arithmetic (工作日, STANDARDS.md §7): the one place deadlines are counted.

A working day is Monday–Friday unless the calendar table lists it as a holiday, or a weekend day
the table lists as a make-up working day (调休上班). The day of receipt or formation is day 0 and
a deadline of n working days is the n-th working day after it. chinese_calendar's own
`find_workday` is deliberately not used: it counts one day too far from a non-working start.

For a year without any row in the table the calendar falls back to Monday–Friday and says so,
through `warnings` (MissingCalendarWarning), the `jiyue.workdays` logger (once per process for
each set of missing years, until the table changes) and `years_without_data()`, which screens use
to show a flag; it never raises.

The table is read once per process and cached; saving or deleting a row clears the cache here and
bumps a generation number in the shared Django cache so other processes reload too.
"""

from __future__ import annotations

import datetime
import logging
import threading
import warnings
from dataclasses import dataclass, field

from django.core.cache import cache

logger = logging.getLogger("jiyue.workdays")

GENERATION_CACHE_KEY = "jiyue:workdays:generation"
ONE_DAY = datetime.timedelta(days=1)
SATURDAY = 5


class MissingCalendarWarning(UserWarning):
    """A computation touched a year for which no holidays are recorded."""


@dataclass(frozen=True)
class _Table:
    holidays: frozenset[datetime.date]
    workdays: frozenset[datetime.date]
    years: frozenset[int]
    generation: object
    # Missing-year sets already logged from this table: a bulk job (the demo loader, an import)
    # counts thousands of deadlines and must say so once, not once per deadline.
    logged: set[tuple[int, ...]] = field(default_factory=set, compare=False)


_lock = threading.Lock()
_table: _Table | None = None


def _load(generation: object) -> _Table:
    from cms.workdays.models import CalendarException, DayKind

    holidays: set[datetime.date] = set()
    workdays: set[datetime.date] = set()
    for day, kind in CalendarException.objects.values_list("date", "kind"):
        (workdays if kind == DayKind.WORKDAY else holidays).add(day)
    years = frozenset(day.year for day in holidays | workdays)
    return _Table(frozenset(holidays), frozenset(workdays), years, generation)


def _current() -> _Table:
    global _table
    generation = cache.get(GENERATION_CACHE_KEY)
    table = _table
    if table is None or table.generation != generation:
        with _lock:
            table = _load(generation)
            _table = table
    return table


def invalidate() -> None:
    """Forget the cached table in this process and in every process sharing the Django cache."""
    global _table
    with _lock:
        _table = None
    try:
        cache.incr(GENERATION_CACHE_KEY)
    except ValueError:
        cache.set(GENERATION_CACHE_KEY, 1, timeout=None)


def years_without_data(start: datetime.date, end: datetime.date | None = None) -> list[int]:
    """The years between `start` and `end` (inclusive) that have no holiday data."""
    end = end or start
    low, high = sorted((start.year, end.year))
    years = _current().years
    return [year for year in range(low, high + 1) if year not in years]


def _warn_missing(start: datetime.date, end: datetime.date) -> None:
    missing = years_without_data(start, end)
    if missing:
        message = (
            f"{'、'.join(str(y) for y in missing)}年的节假日安排尚未录入工作日历，"
            "已按周一至周五计算工作日，期限可能不准确。"
        )
        warnings.warn(message, MissingCalendarWarning, stacklevel=3)
        logged = _current().logged
        if tuple(missing) not in logged:
            logged.add(tuple(missing))
            logger.warning(message)


def _is_workday(day: datetime.date, table: _Table) -> bool:
    if day in table.workdays:
        return True
    if day in table.holidays:
        return False
    return day.weekday() < SATURDAY


def is_workday(day: datetime.date) -> bool:
    _warn_missing(day, day)
    return _is_workday(day, _current())


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (day 0); `start` itself when n is 0."""
    if n < 0:
        raise ValueError("n must not be negative")
    table = _current()
    day = start
    remaining = n
    while remaining:
        day += ONE_DAY
        if _is_workday(day, table):
            remaining -= 1
    _warn_missing(start, day)
    return day


def workdays_between(a: datetime.date, b: datetime.date) -> int:
    """How many working days lie after `a` up to and including `b`; negative when b < a.

    It is the inverse of add_workdays: workdays_between(a, add_workdays(a, n)) == n."""
    if b < a:
        return -workdays_between(b, a)
    table = _current()
    count = 0
    day = a
    while day < b:
        day += ONE_DAY
        if _is_workday(day, table):
            count += 1
    _warn_missing(a, b)
    return count
