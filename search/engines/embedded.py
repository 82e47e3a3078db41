"""The default engine, needing no services: documents in `search_indexentry`, full text in
SQLite FTS5 tables (BM25; see search.engines.fts5 for how they are queried) or a PostgreSQL
tsvector column with a GIN index (ts_rank; see search.engines.postgres), both fed
search.text.index_tokens. Title outweighs summary, body and attachment/metadata text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cms.disclosure.document_numbers import normalise_document_number
from search.documents import SearchDocument
from search.engines import fts5, postgres
from search.engines.base import Progress, SearchEngine, SearchUnavailable
from search.engines.entries import (
    TABLE,
    TEXT_TABLE,
    count_facets,
    in_clause,
)
from search.engines.fulltext import (
    TAG_PREFIXES,
    VECTOR_TAGS,
    Fts5Dialect,
    TsqueryDialect,
    document_tags,
    title_terms,
)
from search.highlight import mark, snippet
from search.models import IndexEntry, IndexText
from search.query import KEYWORD_FILTERS, SearchHit, SearchRequest, SearchResults
from search.text import index_tokens_joined, normalise

FTS_TABLE, PHRASE_TABLE = fts5.FTS_TABLE, fts5.PHRASE_TABLE
# The stored title and body, exactly as the trigram table got them (it keeps no copy: deleting a
# row needs the same values again).
PHRASE_SOURCE = (
    f"SELECT e.id, e.title, t.body FROM {TABLE} e JOIN {TEXT_TABLE} t ON t.entry_id = e.id "
    "WHERE e.id IN "
)
BATCH_SIZE = 500
HIT_COLUMNS = [
    "id",
    "page_id",
    "site_id",
    "site_name",
    "column_title",
    "column_type",
    "content_type",
    "organisation",
    "published_at",
    "validity",
    "document_number",
    "index_number",
    "title",
    "url",
]
TEXT_COLUMNS = ("summary", "body", "attachment_text")


def fulltext_fields(document: SearchDocument) -> tuple[str, str, str, str]:
    extra = " ".join(
        [
            document.attachment_text,
            document.document_number,
            document.index_number,
            document.organisation,
            document.topic,
            document.genre,
        ]
    )
    return (
        " ".join(document.analysis("title").tokens),
        " ".join(document.analysis("summary").tokens),
        " ".join(document.analysis("body").tokens),
        index_tokens_joined(extra),
    )


def fts5_row(entry: IndexEntry, document: SearchDocument) -> tuple:
    """The search_fts row of an entry: its words, its filter tags and its title terms."""
    fields = fulltext_fields(document)
    return (entry.pk, *fields, " ".join(entry_tags(entry)), title_terms(fields[0]))


def entry_tags(entry: IndexEntry, names: Iterable[str] = TAG_PREFIXES) -> list[str]:
    """The filter tags of an entry, made from the stored (truncated) values the filters compare
    with."""
    values: dict[str, object] = {"site_id": entry.site_id, "year": entry.year}
    values.update({name: getattr(entry, name) for name in KEYWORD_FILTERS})
    return document_tags(values, names)


def entry_for(document: SearchDocument) -> IndexEntry:
    return IndexEntry(
        page_id=document.id,
        site_id=document.site_id,
        site_name=document.site_name[:100],
        site_code=document.site_code[:20],
        column_title=document.column_title[:255],
        column_type=document.column_type[:20],
        content_type=document.content_type[:50],
        organisation=document.organisation[:255],
        topic=document.topic[:100],
        genre=document.genre[:50],
        validity=document.validity[:10],
        index_number=document.index_number[:100],
        document_number=normalise_document_number(document.document_number)[:100],
        title=document.title[:255],
        url=document.url[:500],
        published_at=document.published_at,
        updated_at=document.updated_at,
        year=document.year,
    )


class EmbeddedEngine(SearchEngine):
    name = "embedded"

    @property
    def vendor(self) -> str:
        return connection.vendor

    # Writing -------------------------------------------------------------------------------

    def index(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        unique = {document.id: document for document in documents}
        with transaction.atomic():
            self._delete(list(unique))
            entries = IndexEntry.objects.bulk_create([entry_for(d) for d in unique.values()])
            if self.vendor != "postgresql" and any(entry.pk is None for entry in entries):
                ids = dict(
                    IndexEntry.objects.filter(page_id__in=list(unique)).values_list("page_id", "id")
                )
                for entry in entries:
                    entry.pk = ids[entry.page_id]
            IndexText.objects.bulk_create(
                [
                    IndexText(
                        entry_id=entry.pk,
                        summary=unique[entry.page_id].summary,
                        body=unique[entry.page_id].body,
                        attachment_text=unique[entry.page_id].attachment_text,
                    )
                    for entry in entries
                ]
            )
            with connection.cursor() as cursor:
                if self.vendor == "postgresql":
                    cursor.executemany(
                        f"UPDATE {TABLE} SET search_vector = "
                        "setweight(to_tsvector('simple', %s), 'A') || "
                        "setweight(to_tsvector('simple', %s), 'B') || "
                        "setweight(to_tsvector('simple', %s), 'C') || "
                        "setweight(to_tsvector('simple', %s), 'D') || "
                        "array_to_tsvector(%s::text[]) WHERE id = %s",
                        [
                            (*fulltext_fields(unique[e.page_id]), entry_tags(e, VECTOR_TAGS), e.pk)
                            for e in entries
                        ],
                    )
                else:
                    cursor.executemany(
                        f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body, extra, tags, "
                        "title_terms) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                        [fts5_row(entry, unique[entry.page_id]) for entry in entries],
                    )
                    self._phrases(cursor, [entry.pk for entry in entries])

    def delete(self, ids: list[int]) -> None:
        if ids:
            with transaction.atomic():
                self._delete(ids)

    def _delete(self, page_ids: list[int]) -> None:
        entry_ids = list(
            IndexEntry.objects.filter(page_id__in=page_ids).values_list("id", flat=True)
        )
        if not entry_ids:
            return
        if self.vendor != "postgresql":
            with connection.cursor() as cursor:
                self._phrases(cursor, entry_ids, delete=True)
                cursor.executemany(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in entry_ids]
                )
        IndexText.objects.filter(entry_id__in=entry_ids).delete()
        IndexEntry.objects.filter(id__in=entry_ids).delete()

    def _phrases(self, cursor: Any, entry_ids: list[int], delete: bool = False) -> None:
        """Add entries to the trigram table, or take them out, from their stored text."""
        for start in range(0, len(entry_ids), BATCH_SIZE):
            ids = entry_ids[start : start + BATCH_SIZE]
            source = PHRASE_SOURCE + "(" + ",".join(["%s"] * len(ids)) + ")"
            if delete:
                cursor.execute(
                    f"INSERT INTO {PHRASE_TABLE} ({PHRASE_TABLE}, rowid, title, body) "
                    f"SELECT 'delete', * FROM ({source})",
                    ids,
                )
            else:
                cursor.execute(f"INSERT INTO {PHRASE_TABLE} (rowid, title, body) {source}", ids)

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace documents batch by batch, then sweep the ones no longer indexable: every
        document stays findable throughout, so searches never see an empty index."""
        seen: set[int] = set()
        batch: list[SearchDocument] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH_SIZE:
                self.index(batch)
                seen.update(d.id for d in batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.index(batch)
            seen.update(d.id for d in batch)
            if progress:
                progress(len(batch))
        stale = sorted(self.document_ids() - seen)
        for start in range(0, len(stale), BATCH_SIZE):
            self.delete(stale[start : start + BATCH_SIZE])
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # Fresh statistics: the planner's choices in search.engines.postgres rest on them.
                cursor.execute(f"ANALYZE {TABLE}")
            else:
                for table in (FTS_TABLE, PHRASE_TABLE):
                    cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        return len(seen)

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor != "postgresql":
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
                cursor.execute(f"INSERT INTO {PHRASE_TABLE}({PHRASE_TABLE}) VALUES ('delete-all')")
            IndexText.objects.all().delete()
            IndexEntry.objects.all().delete()

    # Reading -------------------------------------------------------------------------------

    def document_ids(self) -> set[int]:
        return set(IndexEntry.objects.values_list("page_id", flat=True))

    def count(self) -> int:
        return IndexEntry.objects.count()

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
                return int(cursor.fetchone()[0])
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%%' "
                    "OR name LIKE 'search_phrases%%' OR name LIKE 'search_indexentry%%' "
                    "OR name LIKE 'search_entry_%%'"
                )
                return int(cursor.fetchone()[0] or 0)
            except DatabaseError:
                return 0

    def search(self, request: SearchRequest) -> SearchResults:
        try:
            with connection.cursor() as cursor:
                if self.vendor == "postgresql":
                    page = postgres.PostgresSearch(cursor, request).run()
                else:
                    page = fts5.Fts5Search(cursor, request).run()
            found = self._rows(page.ids, page.scores)
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error
        terms = request.query.highlight_terms
        return SearchResults(
            hits=[self._hit(row, terms) for row in found],
            total=page.total,
            facets=count_facets(page.facet_rows) if request.facets else {},
            facets_sampled=page.sampled,
        )

    def _rows(self, ids: list[int], scores: dict[int, float]) -> list[dict[str, Any]]:
        if not ids:
            return []
        by_id = {
            row["id"]: row for row in IndexEntry.objects.filter(id__in=ids).values(*HIT_COLUMNS)
        }
        rows = [{**by_id[i], "score": scores.get(i, 0.0)} for i in ids if i in by_id]
        self._attach_text(rows)
        return rows

    def _attach_text(self, rows: list[dict[str, Any]]) -> None:
        texts = {
            text["entry_id"]: text
            for text in IndexText.objects.filter(entry_id__in=[r["id"] for r in rows]).values(
                "entry_id", *TEXT_COLUMNS
            )
        }
        for row in rows:
            row.update({key: texts.get(row["id"], {}).get(key, "") for key in TEXT_COLUMNS})

    def _hit(self, row: dict[str, Any], terms: list[str]) -> SearchHit:
        published = row["published_at"]
        if isinstance(published, str):
            published = dt.datetime.fromisoformat(published)
        if published is not None and timezone.is_naive(published):
            published = timezone.make_aware(published, dt.UTC)
        return SearchHit(
            id=row["page_id"],
            title=row["title"],
            url=row["url"],
            site_id=row["site_id"],
            site_name=row["site_name"],
            column_title=row["column_title"],
            column_type=row["column_type"],
            content_type=row["content_type"],
            organisation=row["organisation"],
            published_at=published,
            validity=row["validity"],
            document_number=row["document_number"],
            index_number=row["index_number"],
            title_html=mark(row["title"], terms),
            snippet_html=snippet([row["summary"], row["body"], row["attachment_text"]], terms),
            score=float(row["score"] or 0),
        )

    def lookup(self, identifier: str, site_ids: list[int] | None) -> list[SearchHit]:
        number = normalise_document_number(identifier)
        queryset = IndexEntry.objects.filter(document_number=number) | IndexEntry.objects.filter(
            index_number=identifier.strip()
        )
        if site_ids is not None:
            queryset = queryset.filter(site_id__in=site_ids)
        rows = [
            {**row, "score": 1.0}
            for row in queryset.order_by("-published_at").values(*HIT_COLUMNS)[:10]
        ]
        self._attach_text(rows)
        return [self._hit(row, [identifier.strip()]) for row in rows]

    def autocomplete(self, prefix: str, site_ids: list[int] | None, limit: int = 8) -> list[dict]:
        try:
            with connection.cursor() as cursor:
                if self.vendor == "postgresql":
                    rows = self._autocomplete_postgres(cursor, prefix, site_ids, limit)
                else:
                    rows = self._autocomplete_fts5(cursor, prefix, site_ids, limit)
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error
        return [{"title": title, "url": url} for title, url in rows]

    def _autocomplete_postgres(
        self, cursor: Any, prefix: str, site_ids: list[int] | None, limit: int
    ) -> list[tuple[str, str]]:
        expression = TsqueryDialect().title_prefix(normalise(prefix))
        if not expression:
            return []
        sites, params = "", [expression]
        if site_ids is not None:
            sites = " AND " + in_clause("e.site_id", site_ids)
            params.extend(site_ids)
        cursor.execute(
            f"SELECT e.title, e.url FROM {TABLE} e WHERE e.search_vector @@ "
            f"to_tsquery('simple', %s){sites} ORDER BY e.published_at DESC LIMIT %s",
            [*params, limit],
        )
        return cursor.fetchall()

    def _autocomplete_fts5(
        self, cursor: Any, prefix: str, site_ids: list[int] | None, limit: int
    ) -> list[tuple[str, str]]:
        if site_ids is not None and not site_ids:
            return []
        dialect = Fts5Dialect()
        expression = dialect.title_prefix(normalise(prefix))
        if not expression:
            return []
        sites = dialect.tags(SearchRequest(site_ids=site_ids))
        return fts5.autocomplete(
            cursor, f"{expression} AND {sites}" if sites else expression, limit
        )
