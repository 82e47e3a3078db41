"""The embedded engine's queries on PostgreSQL, bounded like the FTS5 path (search.engines.fts5).

- `search_vector` holds the weighted text (title A, summary B, body C, extra D) with a GIN index.
  Its title lexemes cannot be told apart in the index (a weight is checked by reading the
  vector), so a title match here is a match whose title (lower-cased) contains every query word
  or one of its alternatives: the title is in the entry row, the vector often out of line.
- The vector also holds the site and year tags (search.engines.fulltext.VECTOR_TAGS): with
  words, those filters are matched in the GIN index with them; keyword filters are checked on
  the rows it matches (their btree indexes, migration 0007, serve the latest items).
- ts_rank reads each ranked row's whole vector, so it only ever sees bounded candidates
  (`JIYUE_SEARCH_RANK_WINDOW`, W). Up to W matches, all are ranked. Past W: the newest W title
  matches first, then the newest W of all matches, by ts_rank; then the rest, newest first.
  "Newest" is the entry id, the order in which pages were indexed.
- Quoted phrases of three characters or more are verbatim, case-insensitive substrings of the
  title or the body, as on SQLite: a LIKE (ILIKE when the phrase has letters with case) through
  the pg_trgm GIN indexes on title and body (migration 0005). Their matches are gathered first,
  newest first; the words' tsquery and the filters then apply to them. A phrase's words need not
  be tokens; they only feed ts_rank.
- Totals are always exact (a count on the GIN match, or the phrase matches themselves). Facets
  are exact up to max(window, FACET_EXACT_LIMIT) matches and past that counted over the newest
  that many.
- 最新发布 stays exact; so do the latest items (empty query), as before.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from search.engines.entries import (
    FACET_EXACT_LIMIT,
    FACET_SELECT,
    LATEST_ORDER,
    TABLE,
    TEXT_TABLE,
    ResultPage,
    filter_conditions,
)
from search.engines.fts5 import Cursor, fetch, rank_window
from search.engines.fulltext import TsqueryDialect, is_trigram_phrase
from search.query import SearchRequest
from search.text import ParsedQuery, words

MATCH = "e.search_vector @@ to_tsquery('simple', %s)"
# The words and the site and year tags (search.engines.fulltext.VECTOR_TAGS) in one GIN lookup.
TAGGED_MATCH = "e.search_vector @@ (to_tsquery('simple', %s) && %s::tsquery)"
# With words, a keyword filter is checked on the rows the GIN index matches, never looked up in
# its btree index (migration 0007, for the latest items): the planner, not costing the `@@`
# filter it would then apply to each row found (reading the row's vector), starts from a filter
# selecting fewer rows than the words (measured, 公开 in 政策文件: 263 ms against 158).
UNINDEXED_KEYWORD = "(e.{} || '')".format
RANK = "ts_rank(e.search_vector, to_tsquery('simple', %s))"
# Phrase matches are passed back as an id array when other conditions apply to them.
IN_IDS = "e.id = ANY(%s)"


def postgres_where(request: SearchRequest) -> tuple[str, list[Any], str | None]:
    """WHERE on the entry table `e` for PostgreSQL (words and filters; not the trigram phrases,
    see phrase_ids_sql), its params, and the words' tsquery."""
    dialect = TsqueryDialect()
    expression = dialect.match(request.query)
    if expression is not None:
        conditions, params = filter_conditions(request, UNINDEXED_KEYWORD, tagged=True)
        tags = dialect.tags(request)
        conditions.insert(0, TAGGED_MATCH if tags else MATCH)
        params[:0] = [expression, tags] if tags else [expression]
        return " AND ".join(conditions), params, expression
    conditions, params = filter_conditions(request)
    if request.query.excluded:
        negative = dialect.negative(request.query)
        if negative:
            conditions.append(f"NOT ({MATCH})")
            params.append(negative)
    return " AND ".join(conditions) or "1 = 1", params, expression


def like_pattern(phrase: str) -> str:
    """A LIKE pattern for `phrase` anywhere (phrases hold no LIKE metacharacters, see
    search.text.parse_query; escaped anyway)."""
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def phrase_ids_sql(phrases: list[list[str]]) -> tuple[str, list[str]]:
    """The ids of the entries whose title or body holds every phrase verbatim, each phrase in
    any of its forms (ParsedQuery.phrase_forms: as typed, simplified, traditional): one
    trigram-index lookup per form and column. ILIKE (it lower-cases both sides, about 15 us a
    body) only for forms with letters with case; phrases arrive lower-cased."""
    selects: list[str] = []
    params: list[str] = []
    for forms in phrases:
        unions: list[str] = []
        for form in forms:
            operator = "ILIKE" if form != form.upper() else "LIKE"
            unions.append(
                f"SELECT t.entry_id AS id FROM {TEXT_TABLE} t WHERE t.body {operator} %s "
                f"UNION SELECT p.id FROM {TABLE} p WHERE p.title {operator} %s"
            )
            params += [like_pattern(form)] * 2
        selects.append("(" + " UNION ".join(unions) + ")")
    return " INTERSECT ".join(selects), params


def _in_title(token: str) -> str:
    """`token` (lower case) in the title, lower-cased only when the token has letters with case
    (lower() costs about a microsecond a title)."""
    title = "lower(e.title)" if token != token.upper() else "e.title"
    return f"strpos({title}, %s) > 0"


def title_condition(query: ParsedQuery) -> tuple[str, list[str]] | None:
    """Every query word, or one of its alternatives, in the title; None without words."""
    clauses: list[str] = []
    params: list[str] = []
    for word in query.words:
        options = []
        for option in [word, *query.alternatives.get(word, [])]:
            tokens = words(option)
            if tokens:
                options.append(" AND ".join(map(_in_title, tokens)))
                params.extend(tokens)
        if options:
            clauses.append("(" + " OR ".join(f"({option})" for option in options) + ")")
    return (" AND ".join(clauses), params) if clauses else None


class PostgresSearch:
    """One search request on PostgreSQL; `run()` answers it with a ResultPage."""

    def __init__(self, cursor: Cursor, request: SearchRequest) -> None:
        self.cursor = cursor
        self.request = request
        self.window = rank_window()
        self.sample = max(self.window, FACET_EXACT_LIMIT)
        self.need = request.offset + request.per_page
        self.where, self.params, self.expression = postgres_where(request)
        dialect = TsqueryDialect()
        self.phrases = [
            request.query.phrase_forms(p) for p in request.query.phrases if is_trigram_phrase(p)
        ]
        ranked_by = [q for q in (self.expression, dialect.phrase_words(request.query)) if q]
        self.rank_query = " & ".join(f"({q})" for q in ranked_by) or None

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple]:
        return fetch(self.cursor, sql, params)

    def run(self) -> ResultPage:
        if self.request.site_ids is not None and not self.request.site_ids:
            return ResultPage()
        # The planner does not cost reading a row's vector (often out of line) for a `@@`
        # filter: a sequential scan reads every one, the GIN index none (measured, a word in
        # 73% of 100,000 documents: 250 ms against 30 ms). Only for this search's transaction.
        with transaction.atomic():
            self.cursor.execute("SET LOCAL enable_seqscan = off")
            if self.phrases:
                return self._phrase_matches()
            if self.expression is None:
                return self._latest()
            return self._matches()

    def _phrase_matches(self) -> ResultPage:
        """Quoted phrases: their matches come from the trigram indexes, newest first. Alone,
        they are the matches; with words, filters or exclusions, those conditions apply to
        them as an id array."""
        sql, params = phrase_ids_sql(self.phrases)
        found = self._fetch(f"SELECT array_agg(id ORDER BY id DESC) FROM ({sql}) s", params)
        ids = [int(entry) for entry in (found[0][0] or [])]
        if not ids:
            return ResultPage()
        if self.where == "1 = 1":
            self.where, self.params = IN_IDS, [ids]
            return self._ranked(len(ids), [], ids[: self.sample])
        self.where, self.params = f"{IN_IDS} AND {self.where}", [ids, *self.params]
        return self._matches()

    def _matches(self) -> ResultPage:
        """One pass through the GIN index counts the matches and gathers the ids of the title
        matches (for ranking) and of the newest matches, the facet sample. Then the facet values
        of the sample, and the order asked for. The sample is sorted out of that pass (about
        0.3 us a match): walking the primary key back for it instead would read each walked
        row's vector for the `@@` filter, often out of line (measured, a word in 26% of 100,000
        documents: 44 ms against 7 ms)."""
        title = None if self.request.sort == "newest" else title_condition(self.request.query)
        flag, flag_params = title or ("false", [])
        total, titles, newest = self._fetch(
            f"SELECT count(*), array_agg(e.id) FILTER (WHERE {flag}), "
            "(array_agg(e.id ORDER BY e.id DESC))[1:%s] "
            f"FROM {TABLE} e WHERE {self.where}",
            [*flag_params, self.sample, *self.params],
        )[0]
        if not total:
            return ResultPage()
        return self._ranked(total, titles or [], newest)

    def _ranked(self, total: int, titles: list[int], newest: list[int]) -> ResultPage:
        """The facet sample (`newest`: the newest matches, newest first, up to the sample
        size), then the order asked for."""
        rows = self._fetch(
            f"SELECT e.id, {FACET_SELECT} FROM {TABLE} e WHERE {IN_IDS} ORDER BY e.id DESC",
            [newest],
        )
        titles = sorted(titles, reverse=True)[: self.window]
        ids = [row[0] for row in rows]
        if self.request.sort == "newest":
            ranked = [(entry, 0.0) for entry in self._by_date(ids, total)]
        else:
            ranked = self._by_rank(ids, total, titles)
        return ResultPage(
            ids=[entry for entry, _ in ranked],
            scores=dict(ranked),
            total=total,
            facet_rows=[row[1:] for row in rows],
        )

    def _by_rank(self, ids: list[int], total: int, titles: list[int]) -> list[tuple[int, float]]:
        """The page of (id, score). All matches by ts_rank when they fit the window. Past it:
        the newest window of title matches (`titles`), then the newest window of all matches,
        by ts_rank; then the rest newest first. Each stage runs only if the page reaches
        into it."""
        if total <= self.window:
            return self._scored(ids)[self.request.offset : self.need]
        ranked = self._scored(titles) if titles else []
        seen = {entry for entry, _ in ranked}
        if len(ranked) < self.need:
            ranked += [row for row in self._scored(ids[: self.window]) if row[0] not in seen]
        if len(ranked) < self.need:
            seen.update(entry for entry, _ in ranked)
            ranked += [(entry, 0.0) for entry in ids[self.window :] if entry not in seen]
        if len(ranked) < min(self.need, total):
            older = self._fetch(
                f"SELECT e.id FROM {TABLE} e WHERE {self.where} AND e.id < %s "
                "ORDER BY e.id DESC LIMIT %s",
                [*self.params, ids[-1], self.need - len(ranked) + len(seen)],
            )
            ranked += [(row[0], 0.0) for row in older if row[0] not in seen]
        return ranked[self.request.offset : self.need]

    def _scored(self, ids: list[int]) -> list[tuple[int, float]]:
        """These matches, best first (newest first when there is nothing to rank by)."""
        if self.rank_query is None:
            return [(entry, 0.0) for entry in sorted(ids, reverse=True)]
        rows = self._fetch(
            f"SELECT e.id, {RANK} AS score FROM {TABLE} e WHERE e.id = ANY(%s) "
            "ORDER BY score DESC, e.id DESC",
            [self.rank_query, ids],
        )
        return [(int(entry), float(score)) for entry, score in rows]

    def _by_date(self, ids: list[int], total: int) -> list[int]:
        """最新发布: among the matches read when they are all there, else among all matches."""
        where, params = self.where, self.params
        if total <= len(ids):
            where, params = "e.id = ANY(%s)", [ids]
        rows = self._fetch(
            f"SELECT e.id FROM {TABLE} e WHERE {where} ORDER BY {LATEST_ORDER} LIMIT %s OFFSET %s",
            [*params, self.request.per_page, self.request.offset],
        )
        return [int(row[0]) for row in rows]

    def _latest(self) -> ResultPage:
        """The latest items, filtered: facets over the latest max(FACET_EXACT_LIMIT, page)."""
        limit = max(FACET_EXACT_LIMIT, self.need)
        rows = self._fetch(
            f"SELECT e.id, {FACET_SELECT} FROM {TABLE} e WHERE {self.where} "
            f"ORDER BY {LATEST_ORDER} LIMIT %s",
            [*self.params, limit + 1],
        )
        total = len(rows)
        if total > limit:
            rows = rows[:limit]
            count = f"SELECT count(*) FROM {TABLE} e WHERE {self.where}"
            total = int(self._fetch(count, self.params)[0][0])
        page = rows[self.request.offset : self.need]
        return ResultPage(
            ids=[row[0] for row in page],
            scores={row[0]: 0.0 for row in page},
            total=total,
            facet_rows=[row[1:] for row in rows],
        )
