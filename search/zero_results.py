"""What a search that found nothing offers instead (issue 15 item 4: never a dead end): the
did-you-mean correction (search.vocabulary), related synonyms, the site's 热词 (search.hot_terms,
hidden terms left out), service guides (办事指南) and FAQ (常见问题) that mention any word of
the query or, failing that, the latest of them, and the whole cluster when only one site was
searched."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from search import hot_terms, vocabulary
from search.engines.base import SearchEngine
from search.query import SearchHit, SearchRequest
from search.text import ParsedQuery, normalise

# Content types whose pages answer a citizen's question (cms.services, cms.interaction).
HELP_CONTENT_TYPES = ("办事指南", "常见问题")
MAX_SYNONYMS = 6
MAX_GUIDES = 5
# Words of a long query looked up one by one for guides (a search each).
MAX_WORDS = 3


@dataclass
class ZeroResultHelp:
    synonyms: list[str] = field(default_factory=list)
    hot_terms: list[str] = field(default_factory=list)
    guides: list[SearchHit] = field(default_factory=list)
    # The visitor searched one site: the same query over the whole cluster.
    wider_scope: bool = False


def related_synonyms(query: ParsedQuery) -> list[str]:
    """Terms of the synonym groups that share a word with the query or are part of it (社保卡
    → 社会保险), other than what was searched."""
    raw = "".join(normalise(query.raw).split())
    searched = set(query.words) | {t for ts in query.alternatives.values() for t in ts}
    found: list[str] = []
    for group in vocabulary.synonym_groups():
        if any(term in raw or term in searched or (raw and raw in term) for term in group):
            found.extend(term for term in group if term not in searched and term != raw)
    return list(dict.fromkeys(found))[:MAX_SYNONYMS]


def _guides(engine: SearchEngine, request: SearchRequest) -> list[SearchHit]:
    """Guides and FAQ with any one word of the query, else the latest ones, in the same scope."""
    base = dataclasses.replace(
        request,
        filters={"content_type": list(HELP_CONTENT_TYPES)},
        year=None,
        date_from=None,
        date_to=None,
        page=1,
        per_page=MAX_GUIDES,
        facets=False,
        sort="relevance",
    )
    found: dict[int, SearchHit] = {}
    for word in request.query.words[:MAX_WORDS]:
        lone = request.query.lone_characters & {word}
        single = ParsedQuery(raw=word, words=[word], lone_characters=lone)
        for hit in engine.search(dataclasses.replace(base, query=single)).hits:
            found.setdefault(hit.id, hit)
        if len(found) >= MAX_GUIDES:
            break
    if not found:
        latest = engine.search(dataclasses.replace(base, query=ParsedQuery(), sort="newest"))
        found = {hit.id: hit for hit in latest.hits}
    return list(found.values())[:MAX_GUIDES]


def build_help(
    engine: SearchEngine, request: SearchRequest, site_id: int | None, scope: str
) -> ZeroResultHelp:
    return ZeroResultHelp(
        synonyms=related_synonyms(request.query),
        hot_terms=hot_terms.public_hot_terms(site_id if scope == "site" else None),
        guides=_guides(engine, request),
        wider_scope=scope == "site" and site_id is not None,
    )
