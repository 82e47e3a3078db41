"""From request parameters to results: scope, filters (unknown values ignored with a notice),
query expansion, best bets, exact 文号/索引号 matches, "did you mean" and the query log.
Shared by the HTML page and the JSON API so both behave identically."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from cms.pages.column_types import ColumnType
from search import grouping, vocabulary, zero_results
from search.documents import VALIDITY_VALUES
from search.engines import SearchUnavailable, get_engine
from search.models import BestBet, QueryLog
from search.query import FACETS, SORTS, SearchHit, SearchRequest, SearchResults
from search.text import (
    MAX_QUERY_LENGTH,
    clean_input,
    looks_like_identifier,
    normalise,
    parse_query,
)

logger = logging.getLogger("jiyue.search")

PER_PAGE = 10
MAX_PAGE = 1000
MAX_FILTER_LENGTH = 100
MAX_FILTER_VALUES = 10
# The dates a search can be limited to: from the founding of the PRC to a century ahead.
EARLIEST_DATE = dt.date(1949, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
SCOPES = {"site": "本站", "all": "全站群"}


class BadRequest(Exception):
    """A parameter the API rejects; the message is for the caller, in Chinese."""


@dataclass
class SearchOutcome:
    request: SearchRequest
    results: SearchResults
    query_text: str
    scope: str
    notices: list[str] = field(default_factory=list)
    best_bets: list[BestBet] = field(default_factory=list)
    exact: list[SearchHit] = field(default_factory=list)
    suggestion: str | None = None
    selected: dict[str, list[str]] = field(default_factory=dict)
    # Set when nothing was found: what to try instead (search.zero_results).
    help: zero_results.ZeroResultHelp | None = None

    @property
    def num_pages(self) -> int:
        per_page = self.request.per_page
        return max(1, (self.results.total + per_page - 1) // per_page)


def content_types() -> set[str]:
    from cms.pages.queries import listable_page_models
    from search.sources import content_types as source_content_types

    pages = {str(model._meta.verbose_name) for model in listable_page_models()}
    return pages | source_content_types()


def _values(params: QueryDict, name: str) -> list[str]:
    """The non-empty, cleaned values of a repeatable parameter, at most MAX_FILTER_VALUES."""
    cleaned = (clean_input(value) for value in params.getlist(name))
    return [value for value in cleaned if value][:MAX_FILTER_VALUES]


def _site_ids(codes: list[str], notices: list[str]) -> list[int]:
    from sites.models import SiteProfile

    known = dict(
        SiteProfile.objects.filter(site_code__in=codes).values_list("site_code", "site_id")
    )
    for code in codes:
        if code not in known:
            notices.append(f"未找到网站“{code[:20]}”，已忽略该筛选条件。")
    return [known[code] for code in codes if code in known]


def _date(value: str, label: str, notices: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        notices.append(f"{label}“{value[:20]}”格式不正确（应为 YYYY-MM-DD），已忽略。")
        return None
    # The engines search up to the day after `to`: 9999-12-31 would overflow.
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        notices.append(f"{label}“{value[:20]}”超出可查询范围，已忽略。")
        return None
    return day


def parse_page(value: str | None, *, strict: bool, notices: list[str]) -> int:
    if not value:
        return 1
    try:
        page = int(value)
    except ValueError:
        if strict:
            raise BadRequest("页码必须是正整数。") from None
        notices.append("页码无效，已显示第 1 页。")
        return 1
    if page < 1:
        if strict:
            raise BadRequest("页码必须是正整数。")
        notices.append("页码无效，已显示第 1 页。")
        return 1
    return min(page, MAX_PAGE)


def build_request(params: QueryDict, site_id: int | None, *, strict: bool = False) -> SearchOutcome:
    """Read GET parameters into a SearchRequest; every problem becomes a notice (or, for the
    API's page number, BadRequest)."""
    notices: list[str] = []
    query_text = params.get("q", "")
    parsed = parse_query(query_text)
    if parsed.truncated:
        notices.append(
            f"搜索词超过 {MAX_QUERY_LENGTH} 个字，已截取前 {MAX_QUERY_LENGTH} 个字搜索。"
        )
    scope = params.get("scope") or ("site" if site_id else "all")
    if scope not in SCOPES:
        notices.append("搜索范围无效，已在全站群中搜索。")
        scope = "all"
    selected: dict[str, list[str]] = {}
    site_ids: list[int] | None = None
    codes = _values(params, "site")
    if codes:
        site_ids = _site_ids(codes, notices) or None
        selected["site"] = codes
    elif scope == "site" and site_id is not None:
        site_ids = [site_id]
    filters: dict[str, list[str]] = {}
    allowed = {
        "column_type": set(ColumnType.values),
        "validity": set(VALIDITY_VALUES),
        "content_type": content_types(),
    }
    for name in ("column_type", "content_type", "organisation", "topic", "genre", "validity"):
        values = _values(params, name)
        kept = []
        for value in values:
            if len(value) > MAX_FILTER_LENGTH or (name in allowed and value not in allowed[name]):
                notices.append(f"{FACETS[name]}“{value[:20]}”不存在，已忽略该筛选条件。")
            else:
                kept.append(value)
        if kept:
            filters[name] = kept
            selected[name] = kept
    year = None
    if params.get("year"):
        raw = params["year"].strip()
        # ASCII digits only: str.isdigit() accepts "²" and "①", which int() refuses.
        if raw.isascii() and raw.isdigit() and EARLIEST_DATE.year <= int(raw) <= LATEST_DATE.year:
            year = int(raw)
            selected["year"] = [raw]
        else:
            notices.append(f"年份“{raw[:10]}”无效，已忽略。")
    date_from = _date(params.get("from", ""), "起始日期", notices)
    date_to = _date(params.get("to", ""), "截止日期", notices)
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        notices.append("排序方式无效，已按相关度排序。")
        sort = "relevance"
    page = parse_page(params.get("page"), strict=strict, notices=notices)
    notices.extend(vocabulary.expand(parsed))
    request = SearchRequest(
        query=parsed,
        site_ids=site_ids,
        filters=filters,
        year=year,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
    )
    return SearchOutcome(
        request=request,
        results=SearchResults(),
        query_text=parsed.raw,
        scope=scope,
        notices=notices,
        selected=selected,
    )


def best_bets(query_text: str, site_id: int | None) -> list[BestBet]:
    key = normalise(query_text.strip())
    if not key:
        return []
    today = timezone.localdate()
    site_filter = Q(site__isnull=True) | Q(site_id=site_id) if site_id else Q(site__isnull=True)
    from wagtail.models import Page

    from cms.pages.queries import publicly_visible

    # A best bet never shows a page the public may not see listed (docs/adr/0004).
    bets = (
        BestBet.objects.filter(site_filter, query=key)
        .filter(page__in=publicly_visible(Page.objects.all()))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("page", "site__root_page")
    )
    # A site's best bet shows only a page of that site (a moderator cannot pin another's).
    return [
        bet for bet in bets if bet.site is None or bet.page.path.startswith(bet.site.root_page.path)
    ][:5]


def run_search(
    params: QueryDict, site_id: int | None, *, strict: bool = False, client: str = ""
) -> SearchOutcome:
    """Answer a search; raises SearchUnavailable when the engine is down, BadRequest (strict).
    `client`: the visitor's daily hash (search.hot_terms.client_key) for the query log."""
    outcome = build_request(params, site_id, strict=strict)
    request = outcome.request
    engine = get_engine()
    if outcome.query_text and looks_like_identifier(outcome.query_text):
        outcome.exact = engine.lookup(outcome.query_text, request.site_ids)
    window = grouping.window_request(request)
    if window is None:
        outcome.results = engine.search(request)
    else:
        outcome.results = grouping.regroup(engine.search(window), request, site_id)
    if outcome.results.total == 0 and not request.query.is_empty:
        outcome.suggestion = vocabulary.did_you_mean(request.query)
        outcome.help = zero_results.build_help(engine, request, site_id, outcome.scope)
    if request.page == 1:
        outcome.best_bets = best_bets(outcome.query_text, site_id)
        if not request.query.is_empty:
            _log(outcome, site_id, client)
    return outcome


def _log(outcome: SearchOutcome, site_id: int | None, client: str) -> None:
    try:
        QueryLog.objects.create(
            query=normalise(outcome.query_text)[:100],
            site_id=site_id,
            scope=outcome.scope,
            results=outcome.results.total,
            client=client[:32],
        )
    except DatabaseError:  # the log must never cost a visitor their results
        logger.warning("无法记录搜索词", exc_info=True)


def outcome_json(outcome: SearchOutcome) -> dict[str, Any]:
    results = outcome.results
    return {
        "query": outcome.query_text,
        "scope": outcome.scope,
        "page": outcome.request.page,
        "per_page": outcome.request.per_page,
        "num_pages": outcome.num_pages,
        "total": results.total,
        # Set when the facet counts cover only the newest this many matches (a very common word).
        "facets_sampled": results.facets_sampled,
        "sort": outcome.request.sort,
        "notices": outcome.notices,
        "suggestion": outcome.suggestion,
        "help": _help_json(outcome.help),
        "exact": [hit.as_json() for hit in outcome.exact],
        "best_bets": [
            {"title": bet.page.title, "url": bet.page.url, "description": bet.description}
            for bet in outcome.best_bets
        ],
        "results": [hit.as_json() for hit in results.hits],
        "facets": {
            name: {
                "label": FACETS[name],
                "values": [
                    {"value": v.value, "label": v.label, "count": v.count}
                    for v in results.facets.get(name, [])
                ],
            }
            for name in FACETS
        },
    }


def _help_json(help: zero_results.ZeroResultHelp | None) -> dict[str, Any] | None:
    if help is None:
        return None
    return {
        "synonyms": help.synonyms,
        "hot_terms": help.hot_terms,
        "guides": [
            {"title": h.title, "url": h.url, "content_type": h.content_type} for h in help.guides
        ],
        "wider_scope": help.wider_scope,
    }


__all__ = ["BadRequest", "SearchOutcome", "SearchUnavailable", "outcome_json", "run_search"]
