"""The static-publishing job on the task worker (`manage.py db_worker`; tests run it directly)."""

from __future__ import annotations

from django_tasks import task


@task()
def publish_dependents_task() -> dict[str, int]:
    from cms.staticsite.jobs import run_pending

    return run_pending()
