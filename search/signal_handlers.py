"""Indexing follows publishing: page state changes enqueue index jobs once the transaction
commits, so the editor's request never waits for (or fails because of) the search engine."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from cms.pages.signals import page_reinstated, page_withdrawn

DISPATCH_PREFIX = "jiyue.search."


def _enqueue_pages(page_ids: list[int]) -> None:
    from search.tasks import index_pages_task

    transaction.on_commit(lambda: index_pages_task.enqueue(list(page_ids)))


def _enqueue_subtree(page_id: int) -> None:
    from search.tasks import index_subtree_task

    transaction.on_commit(lambda: index_subtree_task.enqueue(page_id))


def _enqueue_removal(page_ids: list[int]) -> None:
    from search.tasks import remove_pages_task

    transaction.on_commit(lambda: remove_pages_task.enqueue(list(page_ids)))


def on_publish_change(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Published, unpublished, withdrawn or reinstated: the page decides for itself whether it
    belongs in the index. A page with children (a column) re-indexes them too, since their
    column title, type or visibility comes from it."""
    if instance.numchild:
        _enqueue_subtree(instance.pk)
    else:
        _enqueue_pages([instance.pk])


def on_subtree_change(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Moved or slug changed: every URL below the page changed. (pre_page_move is not needed:
    the documents are rewritten from the pages' new state after the move commits.)"""
    _enqueue_subtree(instance.pk)


def on_page_saved(sender: Any, instance: Page, created: bool, **kwargs: Any) -> None:
    """A new alias has no revision and sends no page_published: index it when created."""
    if isinstance(instance, Page) and created and instance.alias_of_id and instance.live:
        _enqueue_pages([instance.pk])


def on_page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Deleting a page also deletes its base `Page` row: react once, to the base row.
    if type(instance) is Page:
        _enqueue_removal([instance.pk])


def on_restriction_change(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    """Private pages leave the index, pages made public again return."""
    if instance.page_id:
        _enqueue_subtree(instance.page_id)


def on_synonym_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Synonyms join the vocabulary, so pinyin input reaches them (shebao → 社保 → 社会保险)."""
    from search.vocabulary import learn_terms

    learn_terms(set(instance.term_list()))


def connect_source(source: Any) -> None:
    """A document source's objects (search.sources) re-index themselves after every save or
    delete of a watched model; the source's `build` decides whether they stay in the index."""
    for model, source_pk in source.watch.items():

        def handler(sender: Any, instance: Any, _pk: Any = source_pk, **kwargs: Any) -> None:
            pk = _pk(instance)
            if pk is not None:
                _enqueue_source(source.key, [pk])

        for signal in (post_save, post_delete):
            signal.connect(
                handler,
                sender=model,
                weak=False,
                dispatch_uid=f"{DISPATCH_PREFIX}source.{source.key}.{model._meta.label}.{id(signal)}",
            )


def _enqueue_source(key: str, pks: list[int]) -> None:
    from search.tasks import index_source_task

    transaction.on_commit(lambda: index_source_task.enqueue(key, list(pks)))


def connect() -> None:
    from search.models import Synonym

    post_save.connect(on_synonym_saved, sender=Synonym, dispatch_uid=f"{DISPATCH_PREFIX}synonym")
    for signal in (page_published, page_unpublished, page_withdrawn, page_reinstated):
        signal.connect(on_publish_change, dispatch_uid=f"{DISPATCH_PREFIX}{id(signal)}")
    post_page_move.connect(on_subtree_change, dispatch_uid=f"{DISPATCH_PREFIX}post_move")
    page_slug_changed.connect(on_subtree_change, dispatch_uid=f"{DISPATCH_PREFIX}slug")
    post_save.connect(on_page_saved, dispatch_uid=f"{DISPATCH_PREFIX}alias")
    post_delete.connect(on_page_deleted, dispatch_uid=f"{DISPATCH_PREFIX}delete")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"{DISPATCH_PREFIX}restriction{id(signal)}",
        )
