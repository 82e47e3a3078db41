"""Keeping the index in step with the pages: (re)index or remove pages by id, whole subtrees
(moves, slug changes, column edits), and the full rebuild. Runs in the task worker, never in an
editor's request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from wagtail.models import Page

from search import vocabulary
from search.documents import SearchDocument, build_documents
from search.engines import get_engine

CHUNK = 200


def index_pages(page_ids: list[int]) -> dict[str, int]:
    """Index the pages that are publicly listable, remove the others (unpublished, withdrawn,
    不予公开, private, gone). A fixed number of queries for up to CHUNK pages."""
    documents = build_documents(Page.objects.filter(pk__in=page_ids))
    indexed = {d.id for d in documents}
    return _apply(documents, [pk for pk in page_ids if pk not in indexed])


def _apply(documents: list[SearchDocument], removed: list[int]) -> dict[str, int]:
    engine = get_engine()
    with transaction.atomic():
        if documents:
            engine.index(documents)
            vocabulary.learn(documents)
        if removed:
            engine.delete(removed)
    return {"indexed": len(documents), "removed": len(removed)}


def index_source(key: str, pks: list[int]) -> dict[str, int]:
    """Index the objects of a document source (search.sources) that belong in the index and
    remove the others (made private, invalid, unpublished, deleted)."""
    from search.sources import get

    source = get(key)
    documents = source.build(list(pks))
    indexed = {d.id for d in documents}
    removed = [source.document_id(pk) for pk in pks if source.document_id(pk) not in indexed]
    return _apply(documents, removed)


def remove_pages(page_ids: list[int]) -> None:
    get_engine().delete(list(page_ids))


def subtree_ids(page_id: int) -> list[int]:
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    if page is None:
        return [page_id]
    return list(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def index_subtree(page_id: int) -> dict[str, int]:
    """Re-index a page and its descendants (their URL, column or visibility may have changed)."""
    ids = subtree_ids(page_id)
    totals: Counter[str] = Counter()
    for start in range(0, len(ids), CHUNK):
        totals.update(index_pages(ids[start : start + CHUNK]))
    return dict(totals)


def iter_documents(pages: Iterable[Page] | None = None) -> Iterator[SearchDocument]:
    """Documents of every publicly listable page (or of `pages`), built CHUNK pages at a time;
    for the whole index, then the documents of every registered source (search.sources)."""
    from cms.pages.queries import column_items
    from search.sources import iter_source_documents

    # Oldest first: the embedded engine's ranking window takes the last indexed as the newest.
    # Specific rows straight away (one query per page type and chunk), never base pages first:
    # reading each page twice was about a tenth of a rebuild.
    queryset = column_items().order_by("first_published_at", "pk").specific(defer=False)
    from_listable = pages is None
    batch: list[Page] = []
    for page in pages if pages is not None else queryset.iterator(chunk_size=CHUNK):
        batch.append(page)
        if len(batch) >= CHUNK:
            yield from build_documents(batch, known_listable=from_listable)
            batch = []
    if batch:
        yield from build_documents(batch, known_listable=from_listable)
    if pages is None:
        yield from iter_source_documents(CHUNK)


def indexable_count() -> int:
    from cms.pages.queries import column_items
    from search.sources import source_count

    return column_items().count() + source_count()


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index (search stays up) and recount the vocabulary."""
    counts: Counter[str] = Counter()

    def documents() -> Iterator[SearchDocument]:
        for document in iter_documents():
            counts.update(vocabulary.document_terms(document))
            yield document

    total = get_engine().rebuild(documents(), progress=progress)
    vocabulary.recount(dict(counts))
    return total
