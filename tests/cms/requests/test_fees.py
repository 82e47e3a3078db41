"""信息处理费 per 国办函〔2020〕109号: per request by monthly ordinal, per page by marginal bands."""

from decimal import Decimal

import pytest

from cms.requests.fees import FeeMethod, calculate_fee, per_page_fee, per_request_fee


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)],
)
def test_per_request_fee_by_monthly_ordinal(ordinal, fee):
    assert per_request_fee(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_per_page_fee_charges_each_band_on_its_own_pages(pages, fee):
    assert per_page_fee(pages) == Decimal(fee)


def test_one_method_per_request_never_both():
    assert calculate_fee(FeeMethod.PER_PAGE, pages=120) == Decimal(1100)
    assert calculate_fee(FeeMethod.PER_REQUEST, ordinal=12) == Decimal(100)
    with pytest.raises(ValueError):
        calculate_fee(FeeMethod.PER_PAGE, pages=120, ordinal=12)
    with pytest.raises(ValueError):
        calculate_fee(FeeMethod.PER_REQUEST, ordinal=12, pages=120)
    with pytest.raises(ValueError):
        calculate_fee(FeeMethod.PER_PAGE)
    with pytest.raises(ValueError):
        per_request_fee(0)
