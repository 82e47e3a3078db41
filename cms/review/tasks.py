"""Scheduled publication and expiry (定时发布/定时下线) on the task worker, with no cron job: a
recurring task (cms.core.recurring) that runs every `JIYUE_SCHEDULE_POLL_SECONDS` and publishes
what is due (cms.review.scheduling). Its chain is in the database queue, so a worker restart
loses nothing: a run missed while the worker was down runs as soon as it is back."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cms.core import recurring


def poll_seconds() -> float:
    return max(0.1, float(getattr(settings, "JIYUE_SCHEDULE_POLL_SECONDS", 30)))


def first_run() -> dt.datetime:
    return timezone.now()


@task()
def scheduled_publishing_task() -> dict[str, int]:
    from cms.review.scheduling import run_due

    try:
        outcome = run_due()
    finally:
        # The next run is enqueued even when this one failed: the chain must not break.
        recurring.schedule_next(
            scheduled_publishing_task, timezone.now() + dt.timedelta(seconds=poll_seconds())
        )
    return outcome.as_dict()
