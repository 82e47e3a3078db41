"""Document sources: content that is not a page but belongs in unified search (answered public
messages of the 政民互动 boards, and whatever registers later). One registry instead of special
cases in the indexer: an app registers a `DocumentSource` in its `ready()`, and indexing, the
rebuild and the signal handlers treat every source alike.

Pages keep their own ids in the index. A source's documents get ids from a space that never
meets a page id: negative, with the source's slot in the low digits (-(pk * SLOTS + slot)), so
`engine.delete([id])` removes exactly one object and the Elasticsearch integer field holds it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from search.documents import SearchDocument

SLOTS = 16


@dataclass(frozen=True)
class DocumentSource:
    """`build(pks)` returns the documents of those objects that belong in the index (others are
    removed); `all_pks()` lists every object that may belong (for the rebuild); `watch` maps a
    model whose saves or deletes change a document to the source pk(s) of an instance."""

    key: str
    slot: int
    content_type: str
    build: Callable[[list[int]], list[SearchDocument]]
    all_pks: Callable[[], Iterable[int]]
    watch: dict[type, Callable[[Any], int | None]] = field(default_factory=dict)

    def document_id(self, pk: int) -> int:
        return -(int(pk) * SLOTS + self.slot)


_registry: dict[str, DocumentSource] = {}


def register(source: DocumentSource) -> None:
    """Add a source (idempotent by key); connects its signal handlers."""
    if not 1 <= source.slot < SLOTS:
        raise ValueError(f"slot must be in 1..{SLOTS - 1}")
    taken = {s.slot: s.key for s in _registry.values()}
    if taken.get(source.slot, source.key) != source.key:
        raise ValueError(f"slot {source.slot} is already used by {taken[source.slot]}")
    _registry[source.key] = source
    from search.signal_handlers import connect_source

    connect_source(source)


def get(key: str) -> DocumentSource:
    return _registry[key]


def all_sources() -> list[DocumentSource]:
    return list(_registry.values())


def content_types() -> set[str]:
    return {source.content_type for source in _registry.values()}


def iter_source_documents(chunk: int) -> Iterator[SearchDocument]:
    """Every document of every source, built `chunk` objects at a time (for the rebuild)."""
    for source in all_sources():
        batch: list[int] = []
        for pk in source.all_pks():
            batch.append(pk)
            if len(batch) >= chunk:
                yield from source.build(batch)
                batch = []
        if batch:
            yield from source.build(batch)


def source_count() -> int:
    return sum(len(list(source.all_pks())) for source in all_sources())
