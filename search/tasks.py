"""Index jobs for the task worker (`manage.py db_worker`; tests run them immediately)."""

from __future__ import annotations

from django_tasks import task

from search import indexing


@task()
def index_pages_task(page_ids: list[int]) -> dict[str, int]:
    return indexing.index_pages(page_ids)


@task()
def index_subtree_task(page_id: int) -> dict[str, int]:
    return indexing.index_subtree(page_id)


@task()
def remove_pages_task(page_ids: list[int]) -> None:
    indexing.remove_pages(page_ids)


@task()
def index_source_task(key: str, pks: list[int]) -> dict[str, int]:
    return indexing.index_source(key, pks)
