"""The daily audit on the task worker, without cron: the task records today's snapshot and
enqueues itself for tomorrow with `run_after`; `ensure_scheduled()` (called after migrate, by the
demo loader and by `audit_timeliness`) enqueues it once if no run is waiting. The external-link
check runs the same way as its own task, every `JIYUE_LINKCHECK_INTERVAL_DAYS` (default weekly),
so the daily audit only reads its stored results."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

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
    if default_task_backend.supports_defer:
        daily_audit_task.using(run_after=next_run_after()).enqueue()
    return {"sites": len(result.sites), "findings": len(result.all_findings())}


def link_check_interval() -> int:
    from django.conf import settings

    return max(1, int(getattr(settings, "JIYUE_LINKCHECK_INTERVAL_DAYS", 7)))


@task()
def link_check_task() -> dict[str, int]:
    from cms.audit.external_links import run_check

    summary = run_check()
    if default_task_backend.supports_defer:
        link_check_task.using(run_after=next_run_after(days=link_check_interval())).enqueue()
    return {"links": summary.links, "broken": len(summary.broken)}


def pending_runs(task_obj=None) -> int:
    """Runs of `task_obj` (the daily audit by default) waiting in the database queue."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    task_obj = task_obj or daily_audit_task
    # Not `.ready()`: that excludes runs whose run_after lies in the future, i.e. tomorrow's.
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task_obj.module_path
    ).count()


def ensure_scheduled() -> bool:
    """Enqueue the next daily audit and the next link check unless one is waiting; True when it
    enqueued any. Backends that cannot defer (tests run tasks immediately) are left alone."""
    if not default_task_backend.supports_defer:
        return False
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    queued = isinstance(task_backends["default"], DatabaseBackend)
    enqueued = False
    for task_obj, days in ((daily_audit_task, 1), (link_check_task, 1)):
        if queued and pending_runs(task_obj):
            continue
        task_obj.using(run_after=next_run_after(days=days)).enqueue()
        logger.info("%s scheduled", task_obj.name)
        enqueued = True
    return enqueued
