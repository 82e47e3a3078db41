"""Working-day arithmetic against the published 2025 and 2026 schedules (STANDARDS.md §7); every
expected date below was counted by hand on a calendar."""

import datetime
import logging
import warnings

import pytest

from cms.workdays.calendar import (
    MissingCalendarWarning,
    add_workdays,
    is_workday,
    workdays_between,
    years_without_data,
)
from cms.workdays.models import CalendarException, DayKind

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 春节 2025: 1/28–2/4 off; Sunday 1/26 and Saturday 2/8 are working days.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 2, D(2025, 1, 27)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 1, 27), 4, D(2025, 2, 8)),
        (D(2025, 1, 27), 20, D(2025, 3, 3)),
        # Received on a holiday Saturday: day 0 is that day, day 1 the first working day after.
        (D(2025, 2, 1), 1, D(2025, 2, 5)),
        # 国庆+中秋 2025: 10/1–10/8 off; Sunday 9/28 and Saturday 10/11 are working days.
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 30), 3, D(2025, 10, 11)),
        (D(2025, 9, 30), 4, D(2025, 10, 13)),
        (D(2025, 9, 25), 20, D(2025, 10, 29)),
        # 春节 2026: 2/15–2/23 off; Saturdays 2/14 and 2/28 are working days.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 12), 20, D(2026, 3, 18)),
        # 中秋 9/25–9/27 and 国庆 10/1–10/7 2026; Sunday 9/20 and Saturday 10/10 are working days.
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 24), 1, D(2026, 9, 28)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        (D(2026, 9, 24), 20, D(2026, 10, 29)),
        # n = 0 is the start day itself, even when that is a holiday.
        (D(2026, 10, 3), 0, D(2026, 10, 3)),
    ],
)
def test_add_workdays_across_holidays_and_make_up_days(start, n, expected):
    assert add_workdays(start, n) == expected


@pytest.mark.django_db
def test_workdays_between_is_the_inverse_of_add_workdays():
    assert workdays_between(D(2025, 1, 27), D(2025, 3, 3)) == 20
    assert workdays_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
    assert workdays_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
    assert workdays_between(D(2026, 2, 28), D(2026, 2, 13)) == -6
    for start in (D(2025, 1, 20), D(2026, 9, 19), D(2026, 2, 15)):
        for n in (1, 7, 15, 20):
            assert workdays_between(start, add_workdays(start, n)) == n


@pytest.mark.django_db
def test_make_up_weekend_is_a_working_day_and_weekday_holiday_is_not():
    assert is_workday(D(2026, 10, 10))
    assert not is_workday(D(2026, 10, 5))
    assert not is_workday(D(2026, 10, 11))


@pytest.mark.django_db
def test_year_without_data_falls_back_to_weekdays_with_a_warning():
    assert years_without_data(D(2026, 12, 1), D(2027, 2, 1)) == [2027]
    with pytest.warns(MissingCalendarWarning, match="2027"):
        # 2027-01-01 is a Friday: without data, the next working day is Monday 1/4.
        assert add_workdays(D(2027, 1, 1), 1) == D(2027, 1, 4)


@pytest.mark.django_db
def test_missing_year_is_logged_once_not_per_deadline(caplog):
    caplog.set_level(logging.WARNING, logger="jiyue.workdays")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingCalendarWarning)
        for day in range(1, 20):
            add_workdays(D(2027, 1, day), 3)
    logged = [r for r in caplog.records if r.name == "jiyue.workdays"]
    assert len(logged) == 1 and "2027" in logged[0].getMessage()
    CalendarException.objects.create(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingCalendarWarning)
        add_workdays(D(2028, 1, 3), 3)
    assert [r.getMessage()[:4] for r in caplog.records if r.name == "jiyue.workdays"][1:] == [
        "2028"
    ]


@pytest.mark.django_db
def test_admin_entered_days_take_effect_at_once():
    CalendarException.objects.create(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    CalendarException.objects.create(date=D(2027, 1, 4), kind=DayKind.HOLIDAY, name="元旦")
    CalendarException.objects.create(date=D(2027, 1, 9), kind=DayKind.WORKDAY, name="元旦")
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingCalendarWarning)
        assert add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 5)
        assert add_workdays(D(2027, 1, 8), 1) == D(2027, 1, 9)
    assert years_without_data(D(2027, 1, 1)) == []


@pytest.mark.django_db
def test_table_is_cached_between_calls(django_assert_num_queries):
    add_workdays(D(2025, 1, 24), 3)
    with django_assert_num_queries(0):
        assert add_workdays(D(2025, 1, 27), 20) == D(2025, 3, 3)


@pytest.mark.django_db
def test_deleting_a_row_invalidates_the_cache():
    assert add_workdays(D(2026, 10, 9), 1) == D(2026, 10, 10)
    CalendarException.objects.get(date=D(2026, 10, 10)).delete()
    assert add_workdays(D(2026, 10, 9), 1) == D(2026, 10, 12)


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        add_workdays(D(2026, 1, 1), -1)
