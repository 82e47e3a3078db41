"""The outbox on the task worker (`manage.py db_worker`): `deliver_outbox_task` delivers every due
entry, then schedules itself for the next entry that waits (a retry's backoff, a publish still under
review, an account parked until tomorrow) with `run_after`, so no cron is needed."""

from __future__ import annotations

from django.db.models import Min
from django_tasks import default_task_backend, task


@task()
def deliver_outbox_task() -> dict[str, int]:
    from cms.newmedia.delivery import drain

    outcome = drain()
    schedule_next()
    return dict(outcome)


def schedule_next() -> bool:
    """Enqueue a run for the earliest waiting entry unless one is already queued by then."""
    if not default_task_backend.supports_defer:
        return False
    from django_tasks import TaskResultStatus, task_backends
    from django_tasks_db.backend import DatabaseBackend

    from cms.newmedia.models import OutboxEntry, State

    nxt = OutboxEntry.objects.filter(state=State.PENDING).aggregate(at=Min("next_attempt_at"))["at"]
    if nxt is None:
        return False
    if isinstance(task_backends["default"], DatabaseBackend):
        from django.db.models import Q
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(
            Q(run_after__isnull=True) | Q(run_after__lte=nxt),
            status=TaskResultStatus.READY,
            task_path=deliver_outbox_task.module_path,
        )
        if queued.exists():
            return False
    deliver_outbox_task.using(run_after=nxt).enqueue()
    return True
