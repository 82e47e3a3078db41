from __future__ import annotations

import pytest

from fixtures.factories import ProtectedTermFactory, SensitiveWordFactory


@pytest.fixture
def leader_term(db):
    return ProtectedTermFactory(
        correct="长河市市长王明远",
        wrong_forms="长河市市长王明元\n长河市长王明远",
        category="leader",
    )


@pytest.fixture
def banned_word(db):
    return SensitiveWordFactory(word="博彩平台", category="赌博", severity="block")


@pytest.fixture
def review_word(db):
    return SensitiveWordFactory(
        word="内部资料", category="保密", severity="review", suggestion="删除"
    )
