"""The engine-neutral request and result shapes: what the views ask, what every engine answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from search.text import ParsedQuery

# Facets shown beside results, in display order, with their Chinese labels.
FACETS: dict[str, str] = {
    "site": "网站",
    "column_type": "栏目类型",
    "content_type": "内容类型",
    "organisation": "发布机构",
    "topic": "主题分类",
    "genre": "体裁分类",
    "year": "年份",
    "validity": "有效性",
}
# Keyword filters stored as plain values on every document (site and year are separate).
KEYWORD_FILTERS = ("column_type", "content_type", "organisation", "topic", "genre", "validity")
SORTS = {"relevance": "相关度", "newest": "最新发布"}
MISSING_LABEL = "未标注"


@dataclass
class SearchRequest:
    query: ParsedQuery = field(default_factory=ParsedQuery)
    site_ids: list[int] | None = None  # None: the whole cluster
    filters: dict[str, list[str]] = field(default_factory=dict)
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facets: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchHit:
    id: int
    title: str
    url: str
    site_id: int
    site_name: str
    column_title: str
    column_type: str
    content_type: str
    organisation: str
    published_at: dt.datetime | None
    validity: str = ""
    document_number: str = ""
    index_number: str = ""
    title_html: str = ""
    snippet_html: str = ""
    score: float = 0.0
    # The same-title pages of other sites shown under this one (search.grouping).
    others: list[SearchHit] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_html": self.title_html,
            "snippet_html": self.snippet_html,
            "url": self.url,
            "site": {"id": self.site_id, "name": self.site_name},
            "column": {"title": self.column_title, "type": self.column_type},
            "content_type": self.content_type,
            "organisation": self.organisation,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "validity": self.validity,
            "document_number": self.document_number,
            "index_number": self.index_number,
            "others": [
                {"title": o.title, "url": o.url, "site": {"id": o.site_id, "name": o.site_name}}
                for o in self.others
            ],
        }


@dataclass
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Set when facet counts cover only the best N matches, not all `total`.
    facets_sampled: int | None = None


def facet_values(counts: dict[Any, int], labels: dict[Any, str] | None = None) -> list[FacetValue]:
    """Facet buckets, largest first; empty values form the 未标注 bucket so counts add up."""
    labels = labels or {}
    values = [
        FacetValue(
            value="" if key in (None, "") else str(key),
            label=labels.get(key) or (MISSING_LABEL if key in (None, "") else str(key)),
            count=count,
        )
        for key, count in counts.items()
        if count
    ]
    values.sort(key=lambda item: (-item.count, item.value))
    return values
