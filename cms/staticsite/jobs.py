"""Tracked, retryable jobs (DESIGN.md: publish side effects as rows): each content change writes
a `PublishJob` in its own transaction; the task worker takes every due job at once, resolves
their keys to the dependent URLs (cms.staticsite.dependents), rewrites those files when static
publishing is on, purges the caches, pushes the tree, and marks the jobs done. A failure puts
the jobs back with a growing delay; after MAX_ATTEMPTS they stay failed for an operator."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from cms.staticsite import publishing, purge, tree
from cms.staticsite.dependents import Targets, resolve
from cms.staticsite.models import JobState, PublishJob

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE_SECONDS = 30
STALE_RUNNING = dt.timedelta(minutes=15)  # a worker that died mid-job
BATCH = 200


def following_changes() -> bool:
    """Jobs are written only when something follows them: static files or a purgeable cache."""
    return publishing.publishing_enabled() or purge.recording_requests()


def enqueue(reason: str, targets: Targets) -> PublishJob | None:
    """Record the change's targets in the caller's transaction; the worker runs after commit."""
    if not following_changes():
        return None
    job = PublishJob.objects.create(
        reason=reason[:100],
        keys=sorted(targets.keys),
        urls=[list(url) for url in sorted(targets.urls)],
    )
    schedule()
    return job


def _enqueue_task() -> None:
    from cms.staticsite.tasks import publish_dependents_task

    publish_dependents_task.enqueue()


def schedule() -> None:
    """One worker run per transaction, however many pages it changed (a deleted subtree)."""
    if any(func is _enqueue_task for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_task)


def _claim(now: dt.datetime) -> list[PublishJob]:
    PublishJob.objects.filter(state=JobState.RUNNING, started_at__lt=now - STALE_RUNNING).update(
        state=JobState.PENDING
    )
    due = PublishJob.objects.filter(state=JobState.PENDING, next_attempt_at__lte=now)
    claimed = []
    for job in due.order_by("pk")[:BATCH]:
        # Another worker may take the same row: the conditional update decides who has it.
        taken = PublishJob.objects.filter(pk=job.pk, state=JobState.PENDING).update(
            state=JobState.RUNNING, started_at=now, attempts=F("attempts") + 1
        )
        if taken:
            job.attempts += 1
            claimed.append(job)
    return claimed


def run_pending() -> dict[str, int]:
    """Process every due job, a batch at a time; returns counts (jobs, urls, written, removed,
    failed)."""
    totals: dict[str, int] = {"jobs": 0, "urls": 0, "written": 0, "removed": 0, "failed": 0}
    while True:
        counts = run_batch()
        if not counts["jobs"]:
            return totals
        for name, value in counts.items():
            totals[name] += value
        if counts["failed"]:
            return totals


def run_batch() -> dict[str, int]:
    now = timezone.now()
    jobs = _claim(now)
    if not jobs:
        return {"jobs": 0}
    targets = Targets()
    for job in jobs:
        targets.update(Targets(set(job.keys), {(int(s), p) for s, p in job.urls}))
    urls = resolve(targets)
    sites = publishing.sites_by_id()
    outcome = publishing.Outcome()
    errors: list[str] = []
    try:
        if publishing.publishing_enabled():
            outcome = publishing.apply(urls, sites, tree.static_root())
            errors += outcome.errors
            # A retry pushes even when its files were already written by the failed attempt.
            if outcome.changed or any(job.attempts > 1 for job in jobs):
                publishing.push(tree.static_root())
        purge.purge(urls, sites)
    except Exception as error:
        errors.append(str(error) or type(error).__name__)
    finished = timezone.now()
    for job in jobs:
        if errors:
            _fail(job, "\n".join(errors)[:5000], finished)
        else:
            PublishJob.objects.filter(pk=job.pk).update(
                state=JobState.DONE,
                finished_at=finished,
                rendered=outcome.written,
                removed=outcome.removed,
                last_error="",
            )
    return {
        "jobs": len(jobs),
        "urls": len(urls),
        "written": outcome.written,
        "removed": outcome.removed,
        "failed": len(jobs) if errors else 0,
    }


def _fail(job: PublishJob, error: str, now: dt.datetime) -> None:
    logger.warning("staticsite: job %s failed (attempt %s): %s", job.pk, job.attempts, error)
    if job.attempts >= MAX_ATTEMPTS:
        PublishJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, finished_at=now, last_error=error
        )
        return
    retry_at = now + dt.timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (job.attempts - 1))
    PublishJob.objects.filter(pk=job.pk).update(
        state=JobState.PENDING, next_attempt_at=retry_at, last_error=error
    )
    from django_tasks import default_task_backend

    from cms.staticsite.tasks import publish_dependents_task

    if default_task_backend.supports_defer:
        publish_dependents_task.using(run_after=retry_at).enqueue()
