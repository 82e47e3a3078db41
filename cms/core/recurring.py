"""Recurring work on the task worker without cron: the one scheduling mechanism of the cluster.

A recurring task is an ordinary django-tasks task that, at the end of each run, enqueues its next
run with `run_after` (`schedule_next`). The chain lives in the database queue, so it survives a
worker restart: a run whose time passed while the worker was down is simply ready when the worker
is back, and runs at once. `ensure_scheduled()` starts every registered chain that has no run
waiting; it is called after `migrate`, by the demo loader, by the commands that depend on a chain,
and by `db_worker` itself when it starts (cms.review's `db_worker` command), so a chain broken by a
killed worker (its run left "running") is restarted with the worker. Apps register their tasks in
`AppConfig.ready()` with `register(task, first_run)`."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_tasks import default_task_backend

logger = logging.getLogger("jiyue.tasks")


@dataclass(frozen=True)
class Recurring:
    task: Any  # a django_tasks Task
    first_run: Callable[[], dt.datetime]  # when a newly started chain first runs


_registry: dict[str, Recurring] = {}


def register(task_obj: Any, first_run: Callable[[], dt.datetime]) -> None:
    """Register (or replace, on a repeated `ready()`) the recurring task `task_obj`."""
    _registry[task_obj.module_path] = Recurring(task_obj, first_run)


def registered() -> list[Recurring]:
    return list(_registry.values())


def _queued_backend() -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def pending_runs(task_obj: Any) -> int:
    """Runs of `task_obj` waiting in the database queue (including ones due in the future)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Not `.ready()`: that excludes runs whose run_after lies in the future.
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task_obj.module_path
    ).count()


def schedule_next(task_obj: Any, run_after: dt.datetime) -> bool:
    """Enqueue the next run of `task_obj` unless one is already waiting (so two chains, e.g. one
    restarted by `ensure_scheduled` while the old run was still going, merge into one). Backends
    that cannot defer (tests run tasks immediately) are left alone. True when it enqueued."""
    if not default_task_backend.supports_defer:
        return False
    if _queued_backend() and pending_runs(task_obj):
        return False
    task_obj.using(run_after=run_after).enqueue()
    return True


def ensure_scheduled() -> bool:
    """Start every registered chain that has no run waiting; True when it enqueued any."""
    enqueued = False
    for entry in registered():
        if schedule_next(entry.task, entry.first_run()):
            logger.info("%s scheduled", entry.task.name)
            enqueued = True
    return enqueued
