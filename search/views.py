"""Public search on every site: `/search/` (HTML, a shareable GET URL), `/api/search/` and
`/api/search/suggest/` (JSON; errors are 4xx/503 JSON with a Chinese `message`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.engines import SearchUnavailable, get_engine
from search.hot_terms import client_key
from search.query import FACETS, SORTS
from search.service import (
    SCOPES,
    BadRequest,
    SearchOutcome,
    build_request,
    outcome_json,
    run_search,
)
from search.text import MAX_QUERY_LENGTH, clean_input, looks_like_identifier
from sites.models import SiteProfile

UNAVAILABLE_MESSAGE = "搜索服务暂时不可用，请稍后再试。"
METHOD_MESSAGE = "只支持 GET 请求。"


def _site_id(request: HttpRequest) -> int | None:
    profile = SiteProfile.for_request(request)
    return profile.site_id if profile else None


def _facets_for_template(request: HttpRequest, outcome: SearchOutcome) -> list[dict[str, Any]]:
    facets = []
    for name, label in FACETS.items():
        selected = set(outcome.selected.get(name, []))
        values = []
        for item in outcome.results.facets.get(name, []):
            params = request.GET.copy()
            params.pop("page", None)
            params[name] = item.value
            if name == "site":
                params["scope"] = "all"
            values.append(
                {
                    "value": item.value,
                    "label": item.label,
                    "count": item.count,
                    "selected": item.value in selected,
                    "url": "?" + params.urlencode(),
                }
            )
        facets.append({"name": name, "label": label, "values": values})
    return facets


def search_page(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        return HttpResponse(METHOD_MESSAGE, status=405, content_type="text/plain; charset=utf-8")
    site_id = _site_id(request)
    context: dict[str, Any] = {"sorts": SORTS, "scopes": SCOPES}
    status = 200
    try:
        outcome = run_search(request.GET, site_id, client=client_key(request))
    except SearchUnavailable:
        outcome = build_request(request.GET, site_id)
        context["error"] = UNAVAILABLE_MESSAGE
        status = 503
    # An exact 文号/索引号 with a single document goes straight to it.
    if (
        len(outcome.exact) == 1
        and looks_like_identifier(outcome.query_text)
        and outcome.request.page == 1
        and not request.GET.get("list")
    ):
        return HttpResponseRedirect(outcome.exact[0].url)
    context.update(
        outcome=outcome,
        facets=_facets_for_template(request, outcome),
        previous_page=outcome.request.page - 1,
        next_page=outcome.request.page + 1,
        selected_count=sum(len(values) for values in outcome.selected.values()),
        search_query=outcome.query_text,
        search_scope=outcome.scope,
    )
    return render(request, "search/search.html", context, status=status)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"message": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def api_search(request: HttpRequest) -> JsonResponse:
    if request.method != "GET":
        return _error(METHOD_MESSAGE, 405)
    try:
        outcome = run_search(
            request.GET, _site_id(request), strict=True, client=client_key(request)
        )
    except BadRequest as error:
        return _error(str(error), 400)
    except SearchUnavailable:
        return _error(UNAVAILABLE_MESSAGE, 503)
    return JsonResponse(outcome_json(outcome), json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request: HttpRequest) -> JsonResponse:
    prefix = clean_input(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    site_id = _site_id(request)
    scope = request.GET.get("scope") or ("site" if site_id else "all")
    site_ids = [site_id] if scope == "site" and site_id else None
    try:
        titles = get_engine().autocomplete(prefix, site_ids) if prefix else []
    except SearchUnavailable:
        return _error(UNAVAILABLE_MESSAGE, 503)
    return JsonResponse(
        {"query": prefix, "suggestions": titles}, json_dumps_params={"ensure_ascii": False}
    )
