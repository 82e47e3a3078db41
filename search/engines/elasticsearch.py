"""Elasticsearch engine (`elasticsearch.dsl`), for clusters of hundreds of sites.

One concrete index per build behind the alias `JIYUE_SEARCH_INDEX`: a rebuild fills a new index
and swaps the alias atomically, so searches never see a half-built index. Text fields are
analysed with `cjk_bigram`; `*_jieba` fields hold jieba search-mode tokens segmented in Python
and analysed on whitespace. Bulk requests retry rejected (429) items with backoff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, dsl, helpers

from cms.disclosure.document_numbers import normalise_document_number
from search.documents import SearchDocument
from search.engines.base import Progress, SearchEngine, SearchUnavailable
from search.highlight import mark, snippet
from search.query import KEYWORD_FILTERS, SearchHit, SearchRequest, SearchResults, facet_values
from search.text import normalise, segment_joined, to_simplified, words

BULK_CHUNK = 500
BULK_RETRIES = 3
BULK_BACKOFF_SECONDS = 0.5
FACET_SIZE = 50
SNIPPET_CHARS = 120
# Private-use characters mark highlights, so the text can be escaped before <mark> is added.
PRE, POST = "\ue000", "\ue001"

CJK = dsl.analyzer(
    "jiyue_cjk", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"]
)
JIEBA = dsl.analyzer("jiyue_jieba", tokenizer="whitespace", filter=["lowercase"])
CJK_FIELDS = ["title^3", "summary^2", "body", "attachment_text"]
JIEBA_FIELDS = ["title_jieba^3", "body_jieba", "extra_jieba^0.5"]
PHRASE_FIELDS = ["title", "body", "summary"]
FACET_FIELDS = {"site": "site_code", **{name: name for name in KEYWORD_FILTERS}, "year": "year"}


class PageDocument(dsl.Document):
    page_id = dsl.Integer()
    site_id = dsl.Integer()
    site_code = dsl.Keyword()
    site_name = dsl.Keyword()
    column_title = dsl.Keyword()
    column_type = dsl.Keyword()
    content_type = dsl.Keyword()
    organisation = dsl.Keyword()
    topic = dsl.Keyword()
    genre = dsl.Keyword()
    validity = dsl.Keyword()
    index_number = dsl.Keyword()
    document_number = dsl.Keyword()
    title = dsl.Text(analyzer=CJK)
    summary = dsl.Text(analyzer=CJK)
    body = dsl.Text(analyzer=CJK)
    attachment_text = dsl.Text(analyzer=CJK)
    title_jieba = dsl.Text(analyzer=JIEBA)
    body_jieba = dsl.Text(analyzer=JIEBA)
    extra_jieba = dsl.Text(analyzer=JIEBA)
    title_suggest = dsl.Completion(
        analyzer="simple", contexts=[{"name": "site", "type": "category", "path": "site_code"}]
    )
    url = dsl.Keyword(index=False)
    published_at = dsl.Date()
    updated_at = dsl.Date()
    year = dsl.Integer()


def source_for(document: SearchDocument) -> dict[str, Any]:
    extra = " ".join(
        [document.document_number, document.index_number, document.organisation, document.topic]
    )
    return {
        "page_id": document.id,
        "site_id": document.site_id,
        "site_code": document.site_code,
        "site_name": document.site_name,
        "column_title": document.column_title,
        "column_type": document.column_type,
        "content_type": document.content_type,
        "organisation": document.organisation,
        "topic": document.topic,
        "genre": document.genre,
        "validity": document.validity,
        "index_number": document.index_number,
        "document_number": normalise_document_number(document.document_number),
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "attachment_text": document.attachment_text,
        "title_jieba": segment_joined(document.title),
        "body_jieba": segment_joined(f"{document.summary}\n{document.body}"),
        "extra_jieba": segment_joined(f"{extra}\n{document.attachment_text}"),
        # Prefixes arrive folded (search.text.normalise): a traditional title is also offered
        # under its simplified form.
        "title_suggest": {
            "input": list(dict.fromkeys([document.title, to_simplified(document.title)])),
            "contexts": {"site": [document.site_code]},
        },
        "url": document.url,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "updated_at": document.updated_at.isoformat() if document.updated_at else None,
        "year": document.year,
    }


def marked(text: str) -> str:
    return escape(text).replace(PRE, "<mark>").replace(POST, "</mark>")


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self) -> None:
        self.alias = settings.JIYUE_SEARCH_INDEX
        self.url = settings.ELASTICSEARCH_URL
        if not self.url:
            raise SearchUnavailable("未配置 ELASTICSEARCH_URL")
        self.client = Elasticsearch(self.url, request_timeout=10, max_retries=2)

    # Index management ------------------------------------------------------------------------

    def _new_index(self) -> str:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = dsl.Index(name)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.document(PageDocument)
        index.create(using=self.client)
        return name

    def _aliased(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        if not self._aliased():
            name = self._new_index()
            self.client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )

    def _bulk(self, actions: Iterable[dict[str, Any]], progress: Progress | None = None) -> int:
        done = 0
        failed: list[dict[str, Any]] = []
        # raise_on_error must stay off: with it on the helper raises before retrying 429s.
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=BULK_CHUNK,
            max_retries=BULK_RETRIES,
            initial_backoff=BULK_BACKOFF_SECONDS,
            ignore_status=(404,),
            raise_on_error=False,
        ):
            if not ok:
                (info,) = item.values()
                if info.get("status") != 404:  # deleting an absent document is fine
                    failed.append(item)
                continue
            done += 1
            if progress and done % BULK_CHUNK == 0:
                progress(BULK_CHUNK)
        if progress and done % BULK_CHUNK:
            progress(done % BULK_CHUNK)
        if failed:
            raise SearchUnavailable(f"{len(failed)} 篇文档写入索引失败：{failed[0]}")
        return done

    def index(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        try:
            self.ensure_index()
            self._bulk(
                {"_op_type": "index", "_index": self.alias, "_id": d.id, "_source": source_for(d)}
                for d in documents
            )
            self.client.indices.refresh(index=self.alias)
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def delete(self, ids: list[int]) -> None:
        if not ids or not self._aliased():
            return
        try:
            self._bulk({"_op_type": "delete", "_index": self.alias, "_id": i} for i in ids)
            self.client.indices.refresh(index=self.alias)
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Fill a new index, then move the alias to it in one atomic request."""
        old = self._aliased()
        name = self._new_index()
        try:
            total = self._bulk(
                (
                    {"_op_type": "index", "_index": name, "_id": d.id, "_source": source_for(d)}
                    for d in documents
                ),
                progress,
            )
            self.client.indices.refresh(index=name)
        except Exception:
            self.client.indices.delete(index=name)
            raise
        actions: list[dict[str, Any]] = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for stale in old:
            self.client.indices.delete(index=stale)
        return total

    def clear(self) -> None:
        for name in self._aliased():
            self.client.indices.delete(index=name)

    def count(self) -> int:
        if not self._aliased():
            return 0
        return int(self.client.count(index=self.alias)["count"])

    def size_bytes(self) -> int:
        try:
            stats = self.client.indices.stats(index=self.alias, metric="store")
            return int(stats["_all"]["total"]["store"]["size_in_bytes"])
        except (ApiError, TransportError, KeyError):
            return 0

    # Queries -------------------------------------------------------------------------------

    def _text_clause(self, text: str) -> dsl.Query:
        """A term matches through the cjk_bigram fields or its jieba words."""
        return dsl.Q(
            "bool",
            should=[
                dsl.Q("multi_match", query=text, fields=CJK_FIELDS, operator="and"),
                dsl.Q(
                    "multi_match", query=" ".join(words(text)), fields=JIEBA_FIELDS, operator="and"
                ),
            ],
            minimum_should_match=1,
        )

    def _alternatives(self, options: list[str]) -> dsl.Query:
        clauses = [self._text_clause(option) for option in options]
        return (
            clauses[0]
            if len(clauses) == 1
            else dsl.Q("bool", should=clauses, minimum_should_match=1)
        )

    def _query(self, request: SearchRequest) -> dsl.Query:
        query = request.query
        must = [self._alternatives([w, *query.alternatives.get(w, [])]) for w in query.words]
        # The text fields hold the page's own script: a phrase is looked for in each of its
        # forms (the jieba fields are folded to simplified script, search.text.normalise).
        must += [
            dsl.Q(
                "bool",
                should=[
                    dsl.Q("multi_match", query=form, type="phrase", fields=PHRASE_FIELDS)
                    for form in query.phrase_forms(p)
                ],
                minimum_should_match=1,
            )
            for p in query.phrases
        ]
        must_not = [self._alternatives([w]) for w in query.excluded]
        filters: list[dsl.Query] = []
        if request.site_ids is not None:
            filters.append(dsl.Q("terms", site_id=request.site_ids))
        for name in KEYWORD_FILTERS:
            if request.filters.get(name):
                filters.append(dsl.Q("terms", **{name: request.filters[name]}))
        if request.year is not None:
            filters.append(dsl.Q("term", year=request.year))
        dates: dict[str, str] = {}
        if request.date_from:
            dates["gte"] = _start_of(request.date_from).isoformat()
        if request.date_to:
            dates["lt"] = _start_of(request.date_to + dt.timedelta(days=1)).isoformat()
        if dates:
            filters.append(dsl.Q("range", published_at=dates))
        return dsl.Q("bool", must=must or [dsl.Q("match_all")], must_not=must_not, filter=filters)

    def search(self, request: SearchRequest) -> SearchResults:
        search = dsl.Search(using=self.client, index=self.alias).query(self._query(request))
        search = search.extra(track_total_hits=True)
        if request.query.is_empty or request.sort == "newest":
            search = search.sort("-published_at", "-page_id")
        search = search.highlight("title", number_of_fragments=0)
        search = search.highlight(
            "summary", "body", "attachment_text", fragment_size=SNIPPET_CHARS, number_of_fragments=1
        )
        search = search.highlight_options(
            pre_tags=[PRE], post_tags=[POST], require_field_match=False
        )
        if request.facets:
            for name, field in FACET_FIELDS.items():
                missing = 0 if field == "year" else ""
                search.aggs.bucket(name, "terms", field=field, size=FACET_SIZE, missing=missing)
        search = search[request.offset : request.offset + request.per_page]
        try:
            response = search.execute()
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        terms = request.query.highlight_terms
        hits = [
            self._hit(hit.to_dict(), getattr(hit.meta, "highlight", None), terms)
            for hit in response
        ]
        facets = {}
        if request.facets:
            names = _site_names()
            for name in FACET_FIELDS:
                counts = {
                    ("" if bucket.key in ("", 0) else bucket.key): bucket.doc_count
                    for bucket in getattr(response.aggregations, name).buckets
                }
                facets[name] = facet_values(counts, names if name == "site" else None)
        return SearchResults(hits=hits, total=response.hits.total.value, facets=facets)

    def _hit(
        self, source: dict[str, Any], highlight: Any = None, terms: list[str] | None = None
    ) -> SearchHit:
        """A hit, marked by Elasticsearch's highlighter; where it marked nothing (the text
        fields keep the page's own script, so a traditional page found through the folded
        jieba fields by a simplified query), search.highlight marks the original characters."""
        highlight = highlight.to_dict() if highlight is not None else {}
        snippet_html = ""
        for field in ("summary", "body", "attachment_text"):
            if highlight.get(field):
                snippet_html = marked(highlight[field][0])
                break
        texts = [source.get(f) or "" for f in ("summary", "body", "attachment_text")]
        if not snippet_html and terms:
            snippet_html = snippet(texts, terms, SNIPPET_CHARS)
        if not snippet_html:
            text = source.get("summary") or source.get("body") or ""
            snippet_html = escape(text[:SNIPPET_CHARS]) + ("…" if len(text) > SNIPPET_CHARS else "")
        if highlight.get("title"):
            title_html = marked(highlight["title"][0])
        else:
            title_html = mark(source["title"], terms) if terms else escape(source["title"])
        published = source.get("published_at")
        return SearchHit(
            id=int(source["page_id"]),
            title=source["title"],
            url=source["url"],
            site_id=int(source["site_id"]),
            site_name=source.get("site_name", ""),
            column_title=source.get("column_title", ""),
            column_type=source.get("column_type", ""),
            content_type=source.get("content_type", ""),
            organisation=source.get("organisation", ""),
            published_at=dt.datetime.fromisoformat(published) if published else None,
            validity=source.get("validity", ""),
            document_number=source.get("document_number", ""),
            index_number=source.get("index_number", ""),
            title_html=title_html,
            snippet_html=snippet_html,
        )

    def lookup(self, identifier: str, site_ids: list[int] | None) -> list[SearchHit]:
        identifier = identifier.strip()
        query = dsl.Q(
            "bool",
            should=[
                dsl.Q("term", document_number=normalise_document_number(identifier)),
                dsl.Q("term", index_number=identifier),
            ],
            minimum_should_match=1,
            filter=[dsl.Q("terms", site_id=site_ids)] if site_ids is not None else [],
        )
        search = dsl.Search(using=self.client, index=self.alias).query(query)[:10]
        try:
            return [self._hit(hit.to_dict()) for hit in search.execute()]
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def autocomplete(self, prefix: str, site_ids: list[int] | None, limit: int = 8) -> list[dict]:
        completion: dict[str, Any] = {
            "field": "title_suggest",
            "size": limit,
            "skip_duplicates": True,
        }
        if site_ids is not None:
            from sites.models import SiteProfile

            codes = list(
                SiteProfile.objects.filter(site_id__in=site_ids).values_list("site_code", flat=True)
            )
            completion["contexts"] = {"site": codes or ["-"]}
        search = dsl.Search(using=self.client, index=self.alias).suggest(
            "titles", normalise(prefix), completion=completion
        )
        search = search.source(["title", "url"])[:0]
        try:
            response = search.execute()
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        options = response.suggest.titles[0].options if response.suggest.titles else []
        return [{"title": o._source.title, "url": o._source.url} for o in options]


def _site_names() -> dict[str, str]:
    from sites.models import SiteProfile

    return dict(SiteProfile.objects.values_list("site_code", "canonical_name"))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
