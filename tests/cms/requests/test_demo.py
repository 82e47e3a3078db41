"""The demo builder fills every state on every site and is idempotent."""

import datetime
import io

import pytest

from cms.reports.checks import table_three_errors
from cms.requests.demo import build_demo
from cms.requests.models import RequestCase
from cms.requests.table_three import table_three_counts
from cms.requests.workflow import State

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_state_and_are_idempotent(cluster):
    today = datetime.date(2026, 11, 20)
    first = build_demo(today=today, stdout=io.StringIO())
    second = build_demo(today=today, stdout=io.StringIO())
    assert first == second
    assert first["request_cases"] == RequestCase.objects.count()
    for profile in cluster.all:
        states = set(RequestCase.objects.filter(site=profile).values_list("state", flat=True))
        assert states == set(State.values)
    site_cases = RequestCase.objects.filter(site=cluster.county_a)
    assert site_cases.flag_overdue(today).exists()
    assert site_cases.flag_due_soon(today).exists()
    assert table_three_errors(table_three_counts(site_cases, 2026).cells) == []
    assert table_three_errors(table_three_counts(site_cases, 2025).cells) == []


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, 2, 20), datetime.date(2026, 1, 2), datetime.date(2025, 10, 5)],
)
def test_demo_builds_on_any_day_including_holidays(cluster, today):
    build_demo(today=today, stdout=io.StringIO())
    states = set(RequestCase.objects.filter(site=cluster.city).values_list("state", flat=True))
    assert states == set(State.values)
    carried = RequestCase.objects.filter(
        site=cluster.city, received_date__year=today.year - 1, closed_date__year=today.year
    )
    assert carried.exists()
