"""The daily audit on the task worker, without cron: the task records today's snapshot and
enqueues itself for tomorrow with `run_after` (cms.core.recurring, the one scheduling mechanism);
`ensure_scheduled()` (called after migrate, by the demo loader, by `audit_timeliness` and when the
worker starts) enqueues it once if no run is waiting. The external-link
check runs the same way as its own task, every `JIYUE_LINKCHECK_INTERVAL_DAYS` (default weekly),
so the daily audit only reads its stored results."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from cms.core import recurring

logger = logging.getLogger("jiyue.audit")

# Local time of day the daily audit runs (quiet hours; after midnight so "today" is the new day).
DAILY_RUN_HOUR = 2


def next_run_after(now: dt.datetime | None = None, days: int = 1) -> dt.datetime:
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(DAILY_RUN_HOUR)))


@task()
def daily_audit_task() -> dict[str, int]:
    from cms.audit.history import run_and_record

    result = run_and_record()
    recurring.schedule_next(daily_audit_task, next_run_after())
    return {"sites": len(result.sites), "findings": len(result.all_findings())}


def link_check_interval() -> int:
    from django.conf import settings

    return max(1, int(getattr(settings, "JIYUE_LINKCHECK_INTERVAL_DAYS", 7)))


@task()
def link_check_task() -> dict[str, int]:
    from cms.audit.external_links import run_check

    summary = run_check()
    recurring.schedule_next(link_check_task, next_run_after(days=link_check_interval()))
    return {"links": summary.links, "broken": len(summary.broken)}


def pending_runs(task_obj=None) -> int:
    """Runs of `task_obj` (the daily audit by default) waiting in the database queue."""
    return recurring.pending_runs(task_obj or daily_audit_task)


def ensure_scheduled() -> bool:
    """Start every recurring chain (the daily audit and the link check among them) that has no
    run waiting (cms.core.recurring); True when it enqueued any."""
    return recurring.ensure_scheduled()


recurring.register(daily_audit_task, next_run_after)
recurring.register(link_check_task, next_run_after)
