"""Two editors publishing at the same moment must never draw the same 索引号 (PostgreSQL only:
SQLite serialises writers, so the race cannot happen there)."""

import threading

import pytest
from django.db import connection, connections

from cms.disclosure.models import DisclosurePage, IndexCounter
from cms.review.confidentiality import confirmed

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback: start from the migrations' rows (root page…) even after an
    # earlier transactional test in this process flushed the database.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
]

PUBLISHERS = 8


def test_parallel_publications_draw_distinct_consecutive_serials(
    settings, cluster, orgs, make_disclosure
):
    # Search and reference indexing run in the task worker in production, not inside the editor's
    # publish; inline (ImmediateBackend) they contend on Wagtail's own index tables instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    column = cluster.column(cluster.county_a, "fgwj")
    drafts = [make_disclosure(column, orgs["county_a"], live=False) for _ in range(PUBLISHERS)]
    barrier = threading.Barrier(PUBLISHERS)
    errors: list[BaseException] = []

    def publish(page_id: int) -> None:
        try:
            page = DisclosurePage.objects.get(pk=page_id)
            revision = page.save_revision()
            barrier.wait()
            # The 保密审查 declaration is per thread, like the request a moderator's approval
            # comes in: each publisher declares its own.
            with confirmed(reviewer_name="测试数据"):
                revision.publish()
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
            barrier.abort()  # never leave the other publishers waiting
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(page.pk,)) for page in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = list(DisclosurePage.objects.values_list("index_number", flat=True))
    assert len(numbers) == PUBLISHERS
    assert len(set(numbers)) == PUBLISHERS
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert serials == list(range(1, PUBLISHERS + 1))
    assert IndexCounter.objects.get().last_serial == PUBLISHERS
