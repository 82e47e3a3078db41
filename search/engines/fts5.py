"""The embedded engine's queries on SQLite FTS5, built to stay fast on large indexes.

- `search_fts` holds the text's words (search.text.index_tokens: search mode, plus longer
  dictionary words across jieba's cut), so a query word is one token lookup; the filter values
  as tags, so filtered counts and ranking never read the entry table (only date ranges join
  it); and the title's words again as title terms, for title-only matching.
- `search_phrases` holds trigrams of title and body: a quoted phrase is a verbatim substring,
  found inside FTS5 (phrases shorter than three characters are matched as words).
- BM25 is computed over bounded candidates (`JIYUE_SEARCH_RANK_WINDOW`, W). Up to W matches,
  all are ranked. Past W: the newest W title matches first, by BM25 of the title; then the
  newest W of all matches, by BM25; then the rest, newest first. A phrase-only query past W
  ranks its newest W matches by where the phrase is (title first), not by BM25 (see
  `_phrase_window`). "Newest" is the FTS rowid (the entry id), so the order in which pages
  were indexed.
- Totals are always exact (a count on the FTS table alone). Facets are exact up to
  max(window, FACET_EXACT_LIMIT) matches and past that counted over the newest that many.
- The latest items (empty query) walk the entry table's date indexes, or read the few entries
  the tags select, whichever touches fewer rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from search.engines.entries import (
    FACET_EXACT_LIMIT,
    FACET_SELECT,
    LATEST_ORDER,
    TABLE,
    ResultPage,
    date_conditions,
    filter_conditions,
)
from search.engines.fulltext import Fts5Dialect
from search.query import SearchRequest

FTS_TABLE = "search_fts"
PHRASE_TABLE = "search_phrases"
# BM25 column weights. search_fts: title, summary, body, extra, tags (they only filter), title
# terms (they only match title-only queries, ranked like titles). search_phrases: title, body.
BM25_WEIGHTS = {FTS_TABLE: (10.0, 3.0, 1.0, 0.5, 0.0, 10.0), PHRASE_TABLE: (10.0, 1.0)}
# Default of settings.JIYUE_SEARCH_RANK_WINDOW. BM25 costs a few microseconds a document on top
# of a fixed cost per query, so 2,000 keeps ranking a common word near 10 ms at any index size.
RANK_WINDOW = 2000
# The latest items under tag filters are read through the tags (and sorted) when at most this
# many times the rows needed match; above that, walking the date index touches fewer rows.
TAG_READ_FACTOR = 5
# 最新发布 past the facet sample: asking FTS5 whether one row of the date index matches costs
# about this many times what gathering one match does (measured at 1,000,000 documents: 90 µs
# against 0.5 µs), so rows are asked one by one only when matches are dense enough that the
# walk meets the page's matches within total × total / (need × entries × this) rows.
LOOKUP_COST = 180
# Named in IndexEntry.Meta: 最新发布 over many matches walks it instead of sorting them all.
PUBLISHED_INDEX = "search_entry_published"

Cursor = Any


def rank_window() -> int:
    return max(1, int(getattr(settings, "JIYUE_SEARCH_RANK_WINDOW", RANK_WINDOW)))


def rank(table: str) -> str:
    """BM25 as a score, higher is better. FTS5 only accepts the table's own name, no alias."""
    return f"-bm25({table}, " + ", ".join(str(w) for w in BM25_WEIGHTS[table]) + ")"


@dataclass
class Source:
    """The matches of one request: a MATCH on one FTS5 table, plus conditions on the other
    table's rowids (phrases, or tags and exclusions) and on the entry `e` (date ranges)."""

    table: str
    expression: str
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    joins_entry: bool = False

    @property
    def rowid(self) -> str:
        return f"{self.table}.rowid"

    def sql(self, *more: str, join: bool = False) -> str:
        """FROM and WHERE; the params of `more` go after `bind()`."""
        joined = ""
        if join or self.joins_entry:
            joined = f" JOIN {TABLE} e ON e.id = {self.rowid}"
        where = " AND ".join([f"{self.table} MATCH %s", *self.conditions, *more])
        return f"FROM {self.table}{joined} WHERE {where}"

    def bind(self) -> list[Any]:
        return [self.expression, *self.params]

    def require(self, table: str, expression: str | None, negate: bool = False) -> None:
        """Keep only rows that match (or, negated, do not match) `expression` in `table`. The
        unary + stops SQLite handing the IN list to FTS5 as rowid lookups, one MATCH each."""
        if expression:
            operator = "NOT IN" if negate else "IN"
            self.conditions.append(
                f"+{self.rowid} {operator} (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
            )
            self.params.append(expression)


def fetch(cursor: Cursor, sql: str, params: list[Any]) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


class Fts5Search:
    """One search request on FTS5; `run()` answers it with a ResultPage."""

    def __init__(self, cursor: Cursor, request: SearchRequest) -> None:
        self.cursor = cursor
        self.request = request
        self.dialect = Fts5Dialect()
        self.window = rank_window()
        self.sample = max(self.window, FACET_EXACT_LIMIT)
        self.need = request.offset + request.per_page

    def run(self) -> ResultPage:
        if self.request.site_ids is not None and not self.request.site_ids:
            return ResultPage()
        source = self.source()
        if source is None:
            return self._latest()
        return self._matches(source)

    def source(self, in_titles: bool = False) -> Source | None:
        """Words drive from search_fts, with phrases as a condition; a phrase-only query drives
        from search_phrases, with the tags and exclusions as conditions. `in_titles`: the words
        matched in titles (phrases still anywhere); None for a phrase-only query."""
        request = self.request
        dialect = Fts5Dialect(in_titles)
        words, phrases = dialect.text_match(request), dialect.phrases(request.query)
        if words:
            source = Source(FTS_TABLE, words)
            source.require(PHRASE_TABLE, phrases)
        elif phrases and not in_titles:
            source = Source(PHRASE_TABLE, phrases)
            source.require(FTS_TABLE, dialect.tags(request))
            source.require(FTS_TABLE, dialect.excluded(request.query), negate=True)
        else:
            return None
        return self._dated(source)

    def _dated(self, source: Source) -> Source:
        """The request's date range, the one filter that needs the entry table."""
        dates, params = date_conditions(self.request)
        if dates:
            source.conditions += dates
            source.params += params
            source.joins_entry = True
        return source

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple]:
        return fetch(self.cursor, sql, params)

    # Matches of a query. --------------------------------------------------------------------

    def _matches(self, source: Source) -> ResultPage:
        """A walk down the newest matches reads their facet values: all matches when there are
        few, else the facet sample; it also bounds the ranking window. Then an exact count, and
        the order asked for."""
        newest = self.request.sort == "newest"
        # Only what the order needs: Django turns every datetime it reads into an object.
        date = "e.published_at" if newest else "NULL"
        rows = self._fetch(
            f"SELECT {source.rowid}, {date}, {FACET_SELECT} {source.sql(join=True)} "
            f"ORDER BY {source.rowid} DESC LIMIT %s",
            [*source.bind(), self.sample + 1],
        )
        total = len(rows)
        if total > self.sample:
            rows = rows[: self.sample]
            total = int(self._fetch(f"SELECT count(*) {source.sql()}", source.bind())[0][0])
        if newest:
            ranked = [(rowid, 0.0) for rowid in self._by_date(rows, total, source)]
        else:
            ranked = self._by_rank(rows, total, source)
        return ResultPage(
            ids=[rowid for rowid, _ in ranked],
            scores=dict(ranked),
            total=total,
            facet_rows=[row[2:] for row in rows],
        )

    def _by_rank(self, rows: list[tuple], total: int, source: Source) -> list[tuple[int, float]]:
        """The page of (rowid, score). All matches by BM25 when they fit the window. Past it:
        the newest window of title matches by BM25 (title weighs ten times the body, so these
        lead anyway), then the newest window of all matches by BM25, then the rest newest
        first. Each stage runs only if the page reaches into it."""
        if total <= self.window:
            return self._scored(source)[self.request.offset : self.need]
        if source.table == PHRASE_TABLE:
            ranked = self._phrase_window(source, rows[: self.window])
        else:
            title = self.source(in_titles=True)
            ranked = self._scored(title, self._floor(title)) if title else []
        seen = {rowid for rowid, _ in ranked}
        if len(ranked) < self.need:
            window = self._scored(source, rows[self.window - 1][0])
            ranked += [row for row in window if row[0] not in seen]
        if len(ranked) < self.need:
            seen.update(rowid for rowid, _ in ranked)
            ranked += [(row[0], 0.0) for row in rows[self.window :] if row[0] not in seen]
        if len(ranked) < min(self.need, total):
            older = self._older(source, rows[-1][0], self.need - len(ranked) + len(seen))
            ranked += [(rowid, 0.0) for rowid in older if rowid not in seen]
        return ranked[self.request.offset : self.need]

    def _phrase_window(self, source: Source, window: list[tuple]) -> list[tuple[int, float]]:
        """The newest window of a phrase-only query's matches: those with the phrase in the
        title first, then the others, newest first in each. Not BM25: FTS5 computes BM25's
        document frequency by walking every match of each phrase, which for a common phrase
        costs as much as its exact count again (at 1,000,000 documents 150 ms for 261,000
        matches; this walk of the window's titles, 7 ms)."""
        titles = {
            int(row[0])
            for row in self._fetch(
                f"SELECT rowid FROM {PHRASE_TABLE} WHERE {PHRASE_TABLE} MATCH %s AND rowid >= %s",
                [f"title : ({source.expression})", window[-1][0]],
            )
        }
        in_title = [(row[0], 2.0) for row in window if row[0] in titles]
        return in_title + [(row[0], 1.0) for row in window if row[0] not in titles]

    def _floor(self, source: Source) -> int:
        """The rowid of the window-th newest match (0 when fewer match), found by walking the
        matches backwards, which FTS5 does without ranking them."""
        rows = self._fetch(
            f"SELECT {source.rowid} {source.sql()} ORDER BY {source.rowid} DESC LIMIT 1 OFFSET %s",
            [*source.bind(), self.window - 1],
        )
        return int(rows[0][0]) if rows else 0

    def _scored(self, source: Source, floor: int = 0) -> list[tuple[int, float]]:
        """The matches from rowid `floor` up, best first."""
        rows = self._fetch(
            f"SELECT {source.rowid}, {rank(source.table)} AS score "
            f"{source.sql(f'{source.rowid} >= %s')} ORDER BY score DESC, {source.rowid} DESC",
            [*source.bind(), floor],
        )
        return [(int(rowid), float(score)) for rowid, score in rows]

    def _older(self, source: Source, below: int, limit: int) -> list[int]:
        rows = self._fetch(
            f"SELECT {source.rowid} {source.sql(f'{source.rowid} < %s')} "
            f"ORDER BY {source.rowid} DESC LIMIT %s",
            [*source.bind(), below, limit],
        )
        return [int(row[0]) for row in rows]

    def _by_date(self, rows: list[tuple], total: int, source: Source) -> list[int]:
        """最新发布: sorted in Python when every match was read; else the date index is walked,
        keeping the matches (asked of FTS5 row by row, or gathered once), instead of sorting
        them all."""
        if total <= len(rows):
            rows = sorted(rows, key=lambda row: (row[1] or "", row[0]), reverse=True)
            return [row[0] for row in rows[self.request.offset : self.need]]
        if not source.joins_entry and total * total > self.need * self._entries() * LOOKUP_COST:
            # Common words: the date index yields a match every few rows, so asking FTS5 about
            # each row costs less than gathering every match first (安全生产 at 1,000,000
            # documents, 260,000 matches: 4 ms against 146 ms).
            matching = f"EXISTS (SELECT 1 {source.sql(f'{source.rowid} = e.id')})"
        else:
            matching = f"e.id IN (SELECT {source.rowid} {source.sql()})"
        found = self._fetch(
            f"SELECT e.id FROM {TABLE} e INDEXED BY {PUBLISHED_INDEX} WHERE {matching} "
            f"ORDER BY {LATEST_ORDER} LIMIT %s OFFSET %s",
            [*source.bind(), self.request.per_page, self.request.offset],
        )
        return [int(row[0]) for row in found]

    def _entries(self) -> int:
        """About how many entries the index holds (the highest id: one index lookup)."""
        return int(self._fetch(f"SELECT max(id) FROM {TABLE}", [])[0][0] or 0)

    # The empty query: the latest items. ---------------------------------------------------

    def _latest(self) -> ResultPage:
        """The latest items, filtered. Tag filters are counted in FTS5, and the few entries they
        select are read through it and sorted; otherwise the date index (or the site-and-date
        one) is walked until enough are found, which is quick when many qualify."""
        limit = max(FACET_EXACT_LIMIT, self.need)
        tagged = self._tag_source()
        if tagged is not None:
            total = int(self._fetch(f"SELECT count(*) {tagged.sql()}", tagged.bind())[0][0])
            if total <= TAG_READ_FACTOR * limit and not self._site_walk():
                rows = self._fetch(
                    f"SELECT e.id, {FACET_SELECT} {tagged.sql(join=True)} "
                    f"ORDER BY {LATEST_ORDER} LIMIT %s",
                    [*tagged.bind(), limit],
                )
                return self._latest_page(rows, total)
        conditions, params = filter_conditions(self.request)
        excluded = self.dialect.excluded(self.request.query)
        if excluded:
            conditions.append(
                f"e.id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
            )
            params.append(excluded)
        where = " AND ".join(conditions) or "1 = 1"
        if tagged is None:
            total = int(self._fetch(f"SELECT count(*) FROM {TABLE} e WHERE {where}", params)[0][0])
        rows = self._fetch(
            f"SELECT e.id, {FACET_SELECT} FROM {TABLE} e WHERE {where} "
            f"ORDER BY {LATEST_ORDER} LIMIT %s",
            [*params, limit],
        )
        return self._latest_page(rows, total)

    def _tag_source(self) -> Source | None:
        """The filters as a search_fts match (tags, minus exclusions), when there are tags."""
        tags = self.dialect.tags(self.request)
        if tags is None:
            return None
        excluded = self.dialect.excluded(self.request.query)
        return self._dated(Source(FTS_TABLE, f"({tags}) NOT {excluded}" if excluded else tags))

    def _site_walk(self) -> bool:
        """One site and no other filter: the site-and-date index yields its latest in order."""
        request = self.request
        return (
            request.site_ids is not None
            and len(request.site_ids) == 1
            and not any(request.filters.values())
            and request.year is None
        )

    def _latest_page(self, rows: list[tuple], total: int) -> ResultPage:
        page = rows[self.request.offset : self.need]
        return ResultPage(
            ids=[row[0] for row in page],
            scores={row[0]: 0.0 for row in page},
            total=total,
            facet_rows=[row[1:] for row in rows],
        )


def autocomplete(cursor: Cursor, expression: str, limit: int) -> list[tuple[str, str]]:
    """Titles of the best title-prefix matches, ranked over the newest window of them."""
    source = Source(FTS_TABLE, expression)
    rows = fetch(
        cursor,
        f"SELECT title, url FROM (SELECT e.title, e.url, {rank(FTS_TABLE)} AS score, "
        f"{source.rowid} AS id {source.sql(join=True)} ORDER BY {source.rowid} DESC LIMIT %s) "
        "ORDER BY score DESC, id DESC LIMIT %s",
        [*source.bind(), rank_window(), limit],
    )
    return [(title, url) for title, url in rows]
