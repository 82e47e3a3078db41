"""The detectors alone: check digits of 居民身份证号 (GB 11643), 统一社会信用代码 (GB 32100), Luhn for
bank cards, mobile numbers never inside a longer number, and positions mapped to rich text."""

from __future__ import annotations

import pytest

from cms.safety.personal_data import find_personal_data, id_card_valid, luhn_valid, uscc_valid
from cms.safety.text import rich_field

ID_CARD = "610921198506123413"
PERSON_USCC = "92610921MA01234562"  # 个体工商户
COMPANY_USCC = "91610900MA0123456P"
CARD = "6222020200112233446"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(kind, matched) for kind, _span, matched in find_personal_data(text)]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (ID_CARD, True),
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("610921198506123414", False),  # wrong check digit
        ("610921198513123413", False),  # month 13
        ("000921198506123410", False),  # no province 00
    ],
)
def test_id_card_check_digit(number, valid):
    assert id_card_valid(number) is valid


def test_uscc_and_luhn():
    assert uscc_valid(PERSON_USCC) and uscc_valid(COMPANY_USCC)
    assert not uscc_valid(PERSON_USCC[:-1] + "3")
    assert luhn_valid(CARD) and luhn_valid("4111111111111111")
    assert not luhn_valid("6222020200112233445")


def test_personal_data_found_and_not_found():
    assert kinds(f"身份证号{ID_CARD}。") == [("id_card", ID_CARD)]
    assert kinds("身份证号6109**********3413。") == []  # masked
    assert kinds("联系电话：13812345678") == [("mobile", "13812345678")]
    assert kinds("手机 138 1234 5678。") == [("mobile", "138 1234 5678")]
    assert kinds("手机138****5678") == []
    # Landlines, longer numbers and phone-like parts of other numbers are not mobiles.
    assert kinds("咨询电话：0917-3210000，12345，传真0917-13812345") == []
    assert kinds("编号213812345678") == []
    assert kinds(f"卡号{CARD}") == [("bank_card", CARD)]
    assert kinds("卡号 4111 1111 1111 1111") == [("bank_card", "4111 1111 1111 1111")]
    assert kinds("流水号6222020200112233445") == []  # fails Luhn
    assert kinds(f"经营者统一社会信用代码{PERSON_USCC}") == [("uscc_person", PERSON_USCC)]
    assert kinds(f"公司统一社会信用代码{COMPANY_USCC}") == []  # organisations are public
    # An ID number is one finding, not also a bank card or a mobile.
    assert kinds(f"{ID_CARD}") == [("id_card", ID_CARD)]


def test_rich_text_positions_map_back_to_html():
    field = rich_field("body", "正文", "<p>县&nbsp;<b>攻府</b></p><p>通知</p>")
    assert field.text == "县\xa0攻府\n通知\n"
    position = field.text.index("攻府")
    assert field.source[field.source_position(position) :].startswith("攻府</b>")
