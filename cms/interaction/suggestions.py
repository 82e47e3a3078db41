"""FAQ entries suggested while a citizen types a message, found through unified search (the
常见问题 pages of the board's own site). The words are the ones the board already picked out of
the text (views.suggest_terms); every word must match, so the search starts with all of them and
drops the last until something is found or fewer than `min_terms` remain."""

from __future__ import annotations

import logging

from search.engines import SearchUnavailable, get_engine
from search.query import SearchRequest
from search.text import parse_query

logger = logging.getLogger("jiyue.interaction")

FAQ_LIMIT = 3


def faq_suggestions(site_id: int | None, terms: list[str], min_terms: int) -> list[dict]:
    """[{title, url}] of FAQ pages on the site with wagtail id `site_id` matching `terms`."""
    from cms.interaction.faq import FaqPage

    if site_id is None or not terms:
        return []
    content_type = str(FaqPage._meta.verbose_name)
    engine = get_engine()
    words = list(terms)
    while len(words) >= max(min_terms, 1):
        request = SearchRequest(
            query=parse_query(" ".join(words)),
            site_ids=[site_id],
            filters={"content_type": [content_type]},
            per_page=FAQ_LIMIT,
            facets=False,
        )
        try:
            hits = engine.search(request).hits
        except SearchUnavailable:  # suggestions are a help, never a blocker
            logger.warning("常见问题推荐不可用", exc_info=True)
            return []
        if hits:
            return [{"title": hit.title, "url": hit.url, "kind": "faq"} for hit in hits]
        words.pop()
    return []
