"""Personal data that must not be published unmasked: 居民身份证号 (GB 11643-1999), mobile numbers,
bank card numbers (Luhn, ISO/IEC 7812) and the 统一社会信用代码 (GB 32100-2015) of persons.

Each detector returns (start, end) spans in plain text; the check digits keep ordinary long
numbers (文号, 索引号, serial numbers) from being reported. A masked number (6101**********1234,
138****5678) no longer matches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

Span = tuple[int, int]

# --- 居民身份证号: 17 digits and a check character (GB 11643-1999 §6, ISO 7064 MOD 11-2).
ID_CARD = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if not 11 <= int(number[:2]) <= 91:  # 行政区划代码: the province comes first
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=False)
    )
    return _ID_CHECK[total % 11] == number[17].upper()


# --- Mobile numbers: 1[3-9] and nine digits, optionally grouped 3-4-4, never inside a longer
# number (a landline such as 0917-3210000 starts with 0 and never matches).
MOBILE = re.compile(r"(?<![\d\-])(?:\+?86[ \-]?)?(1[3-9]\d(?:[ \-]?\d{4}){2})(?![\d\-])")


# --- Bank cards: 16–19 digits (optionally in groups of four) passing Luhn. Issuer numbers of
# cards in use in China start with 3 (JCB, American Express), 4 (Visa), 5 (Mastercard), 6
# (银联 62…) or 9 (older domestic cards); other long digit strings are not cards.
BANK_CARD = re.compile(r"(?<![\d\-])([345679]\d{3}(?:[ \-]?\d{4}){2}[ \-]?\d{4,7})(?![\d\-])")


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# --- 统一社会信用代码 (GB 32100-2015): 登记管理部门码, 机构类别码, 登记管理机关行政区划码 (6 digits),
# 主体标识码 (9), check character. Only 个体工商户 (工商 "9", category "2": prefix 92) are
# natural persons; the codes of organs, enterprises and associations are public by law and are
# printed on every disclosure, so only prefix 92 is reported.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC = re.compile(
    r"(?<![0-9A-Za-z])(92\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY])(?![0-9A-Za-z])"
)
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_valid(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or any(char not in _USCC_CHARS for char in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=False))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def uscc_of_person(code: str) -> bool:
    return code.upper().startswith("92") and uscc_valid(code)


def find_personal_data(text: str) -> Iterator[tuple[str, Span, str]]:
    """(kind, span, matched) for each unmasked personal number in `text`."""
    taken: list[Span] = []
    for match in ID_CARD.finditer(text):
        if id_card_valid(match.group(0)):
            taken.append(match.span())
            yield "id_card", match.span(), match.group(0)
    for match in USCC.finditer(text):
        if uscc_valid(match.group(1)):
            taken.append(match.span(1))
            yield "uscc_person", match.span(1), match.group(1)
    for match in BANK_CARD.finditer(text):
        digits = re.sub(r"[ \-]", "", match.group(1))
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and not _inside(match.span(1), taken):
            yield "bank_card", match.span(1), match.group(1)
    for match in MOBILE.finditer(text):
        if not _inside(match.span(1), taken):
            yield "mobile", match.span(1), match.group(1)


def _inside(span: Span, taken: list[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in taken)
