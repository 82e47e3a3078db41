"""Same-title pages of several sites shown as one result (issue 15 item 4).

Every site of a cluster carries the same boilerplate pages (公开制度, 公开指南, 网站声明 …),
so a cluster search for 公开 used to open with seven identical titles. Within the first
GROUP_WINDOW matches (relevance order), hits whose title is the same on different sites become
one result, the searcher's own site's copy first, with the others under 另有 N 个网站, and these
groups rank below the results that are one site's own content. Engine-neutral: it works on the
hits any engine returns."""

from __future__ import annotations

import dataclasses

from search.query import SearchHit, SearchRequest, SearchResults
from search.text import normalise

# Matches regrouped per query: three result pages, at the cost of highlighting them.
GROUP_WINDOW = 30


def window_request(request: SearchRequest) -> SearchRequest | None:
    """The request for the first GROUP_WINDOW matches, when the page asked for lies within them
    and is ranked by relevance; None otherwise (the engine's own order is kept)."""
    if request.sort != "relevance" or request.query.is_empty:
        return None
    if request.offset + request.per_page > GROUP_WINDOW:
        return None
    return dataclasses.replace(request, page=1, per_page=GROUP_WINDOW)


def _key(hit: SearchHit) -> str:
    return "".join(normalise(hit.title).split())


def group_hits(hits: list[SearchHit], site_id: int | None) -> list[SearchHit]:
    """One hit per title found on several sites (the others in `.others`), after the single-site
    hits; the order among each kind is the engine's."""
    by_title: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_title.setdefault(_key(hit), []).append(hit)
    singles: list[SearchHit] = []
    groups: list[SearchHit] = []
    for hit in hits:
        members = by_title[_key(hit)]
        if len({member.site_id for member in members}) < 2:
            singles.append(hit)
            continue
        if hit is not members[0]:
            continue
        own = [m for m in members if m.site_id == site_id]
        lead = own[0] if own else members[0]
        lead.others = [m for m in members if m is not lead]
        groups.append(lead)
    return singles + groups


def regroup(results: SearchResults, request: SearchRequest, site_id: int | None) -> SearchResults:
    """The page of `request` cut from the regrouped window `results`."""
    grouped = group_hits(results.hits, site_id)
    results.hits = grouped[request.offset : request.offset + request.per_page]
    return results
