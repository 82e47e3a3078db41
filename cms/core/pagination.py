"""One rule for paginating public lists: bad or out-of-range page numbers never raise."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


def page_of(items: Any, number: Any, per_page: int | None = None) -> Page:
    """The requested page of `items`; a non-number gives the first page and a number past the
    end gives the last, so a stale or hand-edited `?page=` link still shows a list."""
    paginator = Paginator(items, per_page or settings.JIYUE_COLUMN_PAGE_SIZE)
    try:
        return paginator.page(number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
