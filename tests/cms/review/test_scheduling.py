"""Scheduled publication and expiry run from the task worker's queue, with no cron: a page
scheduled a moment ahead goes live while the worker runs; a schedule that passed while the worker
was down (killed in the middle of a run) is caught up when it restarts, and the page history says
so. A scheduled publication still passes the gates; a refusal is written in the history."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, PageLogEntry, Revision

from cms.core import recurring
from cms.core.publishing import publish_page
from cms.pages.models import ArticlePage
from cms.review import scheduling
from cms.review.models import ConfidentialityReview
from cms.review.tasks import scheduled_publishing_task
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.confidentiality_gate
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
GIVE_UP_AFTER = 30.0  # seconds; the page is expected live about two seconds after the start


def schedule_article(cluster, slug: str, go_live_at: dt.datetime) -> ArticlePage:
    page = ArticlePage(
        title=f"定时发布{slug}", slug=slug, body="<p>正文</p>", go_live_at=go_live_at
    )
    publish_page(page, parent=cluster.column(cluster.county_a, "gzdt"))
    assert (
        not page.live
        and Revision.objects.filter(object_id=str(page.pk), approved_go_live_at=go_live_at).exists()
    )
    return page


def run_worker_until_live(page_id: int) -> None:
    """django-tasks-db's worker loop, in this process, stopped once the page is live."""
    worker = Worker(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    started = time.monotonic()

    def stop_when_live(sender, task_result, **kwargs) -> None:
        if Page.objects.get(pk=page_id).live or time.monotonic() - started > GIVE_UP_AFTER:
            worker.running = False

    task_finished.connect(stop_when_live)
    try:
        recurring.ensure_scheduled()  # as `db_worker` does when it starts
        worker.run()
    finally:
        task_finished.disconnect(stop_when_live)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduled_page_goes_live_with_the_worker_running_and_after_a_restart(
    cluster, settings, make_user
):
    settings.TASKS = DB_TASKS
    settings.JIYUE_SCHEDULE_POLL_SECONDS = 0.2

    soon = schedule_article(cluster, "soon", timezone.now() + dt.timedelta(seconds=2))
    run_worker_until_live(soon.pk)
    soon.refresh_from_db()
    assert soon.live
    entries = PageLogEntry.objects.filter(page=soon)
    assert entries.filter(action="wagtail.publish.scheduled").exists()
    assert not entries.filter(action=scheduling.LATE_PUBLISH).exists()

    # The worker is killed mid-run (its run stays "running") and stays down past a schedule.
    settings.JIYUE_SCHEDULE_LATE_SECONDS = 1
    missed = timezone.now() + dt.timedelta(seconds=1)
    later = schedule_article(cluster, "later", missed)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        status=TaskResultStatus.RUNNING
    )
    time.sleep(max(0.0, (missed - timezone.now()).total_seconds()) + 1.5)
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval=0", verbosity=0)
    later.refresh_from_db()
    assert later.live
    label = timezone.localtime(missed).strftime("%Y-%m-%d %H:%M")
    admin = make_user("schedule_admin", superuser=True)
    history = host_client(CITY_HOST, admin).get(
        reverse("wagtailadmin_pages:history", args=[later.pk])
    )
    assert f"计划发布已补发，原定 {label}" in history.content.decode()
    # The restarted worker left the next run waiting: the chain goes on.
    assert recurring.pending_runs(scheduled_publishing_task) == 1


def test_expiry_takes_a_page_down_and_a_refused_publication_is_recorded(
    cluster, orgs, make_disclosure
):
    now = timezone.now()
    live = publish_page(
        ArticlePage(title="到期下线", slug="expiring", body="<p>正文</p>"),
        parent=cluster.column(cluster.county_a, "gzdt"),
    )
    Page.objects.filter(pk=live.pk).update(expire_at=now - dt.timedelta(seconds=1))

    disclosure = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    disclosure.title = "定时发布的修订"
    disclosure.go_live_at = now + dt.timedelta(hours=1)
    revision = disclosure.save_revision()
    from cms.review.confidentiality import confirmed

    with confirmed(reviewer_name="测试数据"):
        revision.publish()
    # Its 保密审查 is withdrawn before the time comes: the gate refuses at go-live.
    ConfidentialityReview.objects.filter(revision=revision).delete()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=now)

    outcome = scheduling.run_due(now + dt.timedelta(seconds=1))
    assert (outcome.expired, outcome.published, outcome.refused) == (1, 0, 1)
    assert not Page.objects.get(pk=live.pk).live
    assert Page.objects.get(pk=disclosure.pk).title != "定时发布的修订"
    refused = PageLogEntry.objects.get(page=disclosure, action=scheduling.REFUSED)
    assert "尚未完成保密审查" in refused.message
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
