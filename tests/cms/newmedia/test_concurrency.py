"""Two workers draining the same outbox at once (real threads, each with its own database
connection): every entry is delivered by exactly one of them, nothing is posted twice."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from cms.newmedia.delivery import drain
from cms.newmedia.models import OutboxEntry, State

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite test databases are per connection in memory"
)


# serialized_rollback like every transactional test here: a plain flush would let post_migrate
# recreate content types and permissions under new ids, which later tests' replayed rows
# (tests/db_snapshot.py) and the serialized restore of the others would then contradict.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_deliver_each_entry_once(wechat, weibo, wechat_account, weibo_account, article):
    pages = [article(title=f"并发投递第{i}条") for i in range(6)]
    assert OutboxEntry.objects.count() == 12
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            drain(worker=name)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"worker-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(OutboxEntry.objects.values_list("state", flat=True)) == {State.SENT}
    for page in pages:
        assert wechat.posts[page.get_full_url()] == 1
        assert weibo.posts[page.get_full_url()] == 1
