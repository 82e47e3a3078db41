"""Concurrent publishers extend the chain one after another: no two entries share a predecessor
(PostgreSQL only: SQLite serialises writers, so the race cannot happen there)."""

import threading

import pytest
from django.db import connection, connections

from cms.pages.models import ArticlePage
from cms.publication_log.chain import verify_chain
from cms.publication_log.models import PublicationEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
]

PUBLISHERS = 8


def test_parallel_publications_do_not_fork_the_chain(settings, cluster):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    column = cluster.column(cluster.county_a, "gzdt")
    drafts = []
    for n in range(PUBLISHERS):
        page = ArticlePage(title=f"并发发布测试{n}", slug=f"bf-{n}", body="<p>正文</p>", live=False)
        column.add_child(instance=page)
        drafts.append(page.pk)
    before = PublicationEntry.objects.count()
    barrier = threading.Barrier(PUBLISHERS)
    errors: list[BaseException] = []

    def publish(page_id: int) -> None:
        try:
            revision = ArticlePage.objects.get(pk=page_id).save_revision()
            barrier.wait()
            revision.publish()
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(pk,)) for pk in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert PublicationEntry.objects.count() == before + PUBLISHERS
    previous = list(PublicationEntry.objects.values_list("previous_hash", flat=True))
    assert len(previous) == len(set(previous)), "two entries share a predecessor: the chain forked"
    result = verify_chain()
    assert result.ok, result.reason
