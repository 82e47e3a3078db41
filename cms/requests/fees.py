"""信息处理费 (国办函〔2020〕109号, STANDARDS.md §1) as pure functions. An agency charges a request
by ONE method, per request (按件计收) or per page (按量计收), never both."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

# 国办函〔2020〕109号 按件计收: the same applicant's requests in one calendar month.
PER_REQUEST_FREE_UP_TO = 10
PER_REQUEST_FIRST_BAND_END = 30
PER_REQUEST_BASE_FEE = Decimal(100)
PER_REQUEST_BAND_SIZE = 10
PER_REQUEST_BAND_STEP = Decimal(100)
# 国办函〔2020〕109号 按量计收: marginal page bands (upper bound inclusive, 元/页).
PER_PAGE_BANDS: tuple[tuple[int | None, Decimal], ...] = (
    (30, Decimal(0)),
    (100, Decimal(10)),
    (200, Decimal(20)),
    (None, Decimal(40)),
)


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


def per_request_fee(ordinal: int) -> Decimal:
    """Fee for an applicant's `ordinal`-th request (1-based) in a calendar month: 1–10 free,
    11–30 100元 each, and each further band of 10 costs 100元 more per request."""
    if ordinal < 1:
        raise ValueError("ordinal must be at least 1")
    if ordinal <= PER_REQUEST_FREE_UP_TO:
        return Decimal(0)
    if ordinal <= PER_REQUEST_FIRST_BAND_END:
        return PER_REQUEST_BASE_FEE
    bands_above = -(-(ordinal - PER_REQUEST_FIRST_BAND_END) // PER_REQUEST_BAND_SIZE)
    return PER_REQUEST_BASE_FEE + PER_REQUEST_BAND_STEP * bands_above


def per_page_fee(pages: int) -> Decimal:
    """Fee for `pages` pages, each band charged only on the pages inside it."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total = Decimal(0)
    lower = 0
    for upper, rate in PER_PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += rate * (top - lower)
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def calculate_fee(method: str, *, ordinal: int | None = None, pages: int | None = None) -> Decimal:
    """The fee for one request by `method`; exactly the quantity that method uses must be given."""
    if method == FeeMethod.PER_REQUEST:
        if ordinal is None or pages is not None:
            raise ValueError("按件计收只需提供本月申请序号，不得同时按页计费")
        return per_request_fee(ordinal)
    if method == FeeMethod.PER_PAGE:
        if pages is None or ordinal is not None:
            raise ValueError("按量计收只需提供页数，不得同时按件计费")
        return per_page_fee(pages)
    raise ValueError(f"unknown fee method {method!r}")
