"""The daily audit on the task worker, without cron: the task records today's snapshot and
enqueues itself for tomorrow with `run_after`; `ensure_scheduled()` (called after migrate, by the
demo loader and by `audit_timeliness`) enqueues it once if no run is waiting."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger("jiyue.audit")

# Local time of day the daily audit runs (quiet hours; after midnight so "today" is the new day).
DAILY_RUN_HOUR = 2


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(DAILY_RUN_HOUR)))


@task()
def daily_audit_task() -> dict[str, int]:
    from cms.audit.history import run_and_record

    result = run_and_record()
    if default_task_backend.supports_defer:
        daily_audit_task.using(run_after=next_run_after()).enqueue()
    return {"sites": len(result.sites), "findings": len(result.all_findings())}


def pending_runs() -> int:
    """Daily-audit runs waiting in the database queue (0 for other backends)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Not `.ready()`: that excludes runs whose run_after lies in the future, i.e. tomorrow's.
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=daily_audit_task.module_path
    ).count()


def ensure_scheduled() -> bool:
    """Enqueue the next daily run unless one is waiting; True when it enqueued one. Backends that
    cannot defer (tests run tasks immediately) are left alone."""
    if not default_task_backend.supports_defer:
        return False
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task_backends["default"], DatabaseBackend) and pending_runs():
        return False
    daily_audit_task.using(run_after=next_run_after()).enqueue()
    logger.info("daily audit scheduled")
    return True
