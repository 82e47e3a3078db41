"""The one small base class every search engine implements (picked by `JIYUE_SEARCH_ENGINE`).

Engines receive `SearchDocument`s and `SearchRequest`s with the query already parsed, segmented
and expanded (synonyms, pinyin), so they only translate to their own query language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from search.documents import SearchDocument
from search.query import SearchHit, SearchRequest, SearchResults

Progress = Callable[[int], None]


class SearchUnavailable(Exception):
    """The engine cannot answer now (service down, index missing); shown as a 503 in Chinese."""


class SearchEngine:
    """Index and query documents. Implementations must never let user input raise anything
    but SearchUnavailable."""

    name = "base"

    def index(self, documents: list[SearchDocument]) -> None:
        """Add or replace documents (by id)."""
        raise NotImplementedError

    def delete(self, ids: list[int]) -> None:
        """Remove documents by id; unknown ids are ignored."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def lookup(self, identifier: str, site_ids: list[int] | None) -> list[SearchHit]:
        """Documents whose 文号 or 索引号 is exactly `identifier`."""
        raise NotImplementedError

    def autocomplete(self, prefix: str, site_ids: list[int] | None, limit: int = 8) -> list[dict]:
        """Titles starting with (or made of words starting with) `prefix`: [{title, url}]."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace the whole index with `documents` while searches keep being answered."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def size_bytes(self) -> int:
        """Storage the index uses, for the benchmark and the admin."""
        return 0

    def clear(self) -> None:
        raise NotImplementedError
