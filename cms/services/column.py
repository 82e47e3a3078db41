"""The 办事服务 column, organised: its live guides grouped by audience (个人办事 / 法人办事) and
topic, narrowed by `?audience=` and `?topic=` filter links on a shareable GET URL. Other items
of the column (notices, articles) follow as the usual newest-first list."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from cms.pages.column_types import ColumnType
from cms.pages.queries import column_items
from cms.services.models import ServiceGuidePage
from cms.services.vocab import Audience, ServiceTopic

# A column lists at most this many guides; a county's catalogue is a few hundred items at most.
MAX_GUIDES = 500
OTHER_ITEMS = 20


def is_service_column(page: Any) -> bool:
    return getattr(page, "column_type", None) == ColumnType.SERVICE


def live_guides(column) -> Any:
    return (
        ServiceGuidePage.objects.live()
        .public()
        .descendant_of(column)
        .filter(withdrawal__isnull=True)
        .order_by("topic", "path")
        .only("title", "url_path", "path", "depth", "audience", "topic", "online_url", "item_name")
    )


def _filter_url(audience: str, topic: str) -> str:
    query = {key: value for key, value in (("audience", audience), ("topic", topic)) if value}
    return f"?{urlencode(query)}" if query else "?"


def organise(guides: list[ServiceGuidePage]) -> list[dict[str, Any]]:
    """[{audience, topics: [{topic, guides}]}] in vocabulary order, empty groups left out."""
    grouped: dict[str, OrderedDict[str, list[ServiceGuidePage]]] = {
        audience: OrderedDict((topic, []) for topic in ServiceTopic.values)
        for audience in Audience.values
    }
    for guide in guides:
        grouped[guide.audience].setdefault(guide.topic, []).append(guide)
    return [
        {
            "audience": audience,
            "topics": [{"topic": t, "guides": g} for t, g in topics.items() if g],
        }
        for audience, topics in grouped.items()
        if any(topics.values())
    ]


def serve_service_column(page, request: HttpRequest) -> TemplateResponse:
    guides_qs = live_guides(page)
    all_guides = list(guides_qs[:MAX_GUIDES])
    audience = request.GET.get("audience", "")
    audience = audience if audience in Audience.values else ""
    topic = request.GET.get("topic", "")
    topic = topic if topic in ServiceTopic.values else ""
    selected = [
        guide
        for guide in all_guides
        if (not audience or guide.audience == audience) and (not topic or guide.topic == topic)
    ]
    present_topics = [t for t in ServiceTopic.values if any(g.topic == t for g in all_guides)]
    context = page.get_context(request)
    context.update(
        {
            "guide_groups": organise(selected),
            "guide_count": len(selected),
            "audience": audience,
            "topic": topic,
            "audience_links": [
                {"label": "全部", "url": _filter_url("", topic), "current": not audience}
            ]
            + [
                {"label": a, "url": _filter_url(a, topic), "current": a == audience}
                for a in Audience.values
            ],
            "topic_links": [
                {"label": "全部", "url": _filter_url(audience, ""), "current": not topic}
            ]
            + [
                {"label": t, "url": _filter_url(audience, t), "current": t == topic}
                for t in present_topics
            ],
            "other_items": list(column_items(page).not_type(ServiceGuidePage)[:OTHER_ITEMS]),
        }
    )
    return TemplateResponse(request, "services/service_column.html", context)
