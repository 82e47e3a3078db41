"""Daily snapshots keep since-when a finding is open; the daily task schedules itself on the
database queue without cron."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.audit.engine import run_audit
from cms.audit.history import record, run_and_record
from cms.audit.models import AuditRun, FindingRecord
from cms.audit.tasks import daily_audit_task, ensure_scheduled, next_run_after, pending_runs

pytestmark = pytest.mark.django_db
DAY1 = dt.date(2026, 6, 15)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def empty_column_record(profile, column, day):
    return FindingRecord.objects.get(
        run__site=profile, run__run_date=day, key=f"empty_column:column:{column.pk}"
    )


def test_first_seen_carries_over_and_restarts_after_a_fix(cluster):
    news = cluster.column(cluster.county_a, "gzdt")
    profiles = [cluster.county_a]
    run_and_record(profiles, DAY1)
    run_and_record(profiles, DAY1 + dt.timedelta(days=1))
    assert (
        empty_column_record(cluster.county_a, news, DAY1 + dt.timedelta(days=1)).first_seen == DAY1
    )

    # Day 3 the column is not in the result (fixed); day 4 it is back: open since day 4.
    day3 = run_audit(profiles, DAY1 + dt.timedelta(days=2))
    day3.sites[0].findings = [f for f in day3.sites[0].findings if f.object_id != news.pk]
    record(day3)
    day4 = DAY1 + dt.timedelta(days=3)
    run_and_record(profiles, day4)
    assert empty_column_record(cluster.county_a, news, day4).first_seen == day4


def test_recording_the_same_day_twice_replaces_the_snapshot(cluster):
    run_and_record([cluster.county_a], DAY1)
    run_and_record([cluster.county_a], DAY1)
    assert AuditRun.objects.filter(site=cluster.county_a, run_date=DAY1).count() == 1


def test_next_run_is_tomorrow_at_two_local_time():
    now = timezone.make_aware(dt.datetime(2026, 6, 15, 23, 30))
    assert timezone.localtime(next_run_after(now)) == timezone.make_aware(
        dt.datetime(2026, 6, 16, 2, 0)
    )


@override_settings(TASKS=DB_TASKS)
def test_ensure_scheduled_enqueues_once_and_the_task_schedules_the_next_day(cluster):
    assert ensure_scheduled() is True
    assert ensure_scheduled() is False
    assert pending_runs() == 1

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    outcome = daily_audit_task.call()
    assert outcome == {"sites": 4, "findings": outcome["findings"]} and outcome["findings"] > 0
    assert AuditRun.objects.filter(run_date=timezone.localdate()).count() == 4
    [queued] = DBTaskResult.objects.all()
    assert queued.run_after == next_run_after()


def test_immediate_backend_is_never_scheduled(cluster):
    # Tests run tasks immediately: scheduling would run the whole audit at once.
    assert ensure_scheduled() is False
