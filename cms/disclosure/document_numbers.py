"""文号 (document number) rules, the one home for them: normalisation to GB/T 9704 (the year in
full, enclosed in the hexagonal brackets U+3014/U+3015, whatever an editor, a legacy system or a
search visitor typed) and the check of its form (STANDARDS.md §4). The disclosure form, the model,
the importer and every search engine use these functions; nothing else parses a 文号."""

from __future__ import annotations

import datetime as dt
import re

# A bracketed number counts as the 文号 year only inside this range. Government documents of the
# People's Republic start in 1949; 2099 keeps the function independent of the clock (a stored value
# must normalise the same way whatever day it is), while `document_number_error` refuses years
# after the current one. `[2126]` is therefore not a year: it stays as typed and the form rejects it.
FIRST_YEAR = 1949
LAST_YEAR = 2099

# Full-width ASCII (U+FF01–U+FF5E, e.g. `２０２６`, `（`) to ASCII; the ideographic space to a space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Any bracket pair people use instead of 〔〕 around a 4-digit number, with optional spaces.
_BRACKETED_NUMBER = re.compile(r"[\[(﹝〔【〖]\s*(\d{4})\s*[\])﹞〕】〗]")
_SPACES = re.compile(r"\s+")

# 机关代字: Chinese characters (and, rarely, Latin letters), at most 20.
_AGENCY_CODE = r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]{1,20}"
# GB/T 9704 发文字号: 机关代字 + 〔YYYY〕 + 序号 (no leading 第, no leading zero) + 号.
_DOCUMENT_NUMBER = re.compile(rf"^{_AGENCY_CODE}〔(?P<year>\d{{4}})〕[1-9]\d{{0,5}}号$")
# 令 (orders) are numbered without a year: 国务院令第732号, 长河市人民政府令第3号.
_ORDER_NUMBER = re.compile(rf"^{_AGENCY_CODE}令第[1-9]\d{{0,5}}号$")
_ANY_BRACKETED_YEAR = re.compile(r"〔(\d{4})〕|[\[(﹝【〖](\d{4})[\])﹞】〗]")

FORMAT_MESSAGE = (
    "文号格式不正确：应为“机关代字〔年份〕序号号”，例如“安政发〔2026〕12号”；"
    "令可写作“长河市人民政府令第3号”。"
)


def _rebracket(match: re.Match[str]) -> str:
    year = int(match.group(1))
    if FIRST_YEAR <= year <= LAST_YEAR:
        return f"〔{match.group(1)}〕"
    return match.group(0)


def normalise_document_number(value: str | None) -> str:
    """Return `value` with its bracketed year written `〔YYYY〕` and all whitespace removed.

    `安政发[2026]12号`, `安政发（2026）12号`, `安政发〖2026〗12号`, `安政发 ( 2026 )\\t12 号` and
    `安政发〔２０２６〕１２号` all become `安政发〔2026〕12号`. Idempotent; a bracketed number outside
    FIRST_YEAR–LAST_YEAR and text without a bracketed year are only cleaned of whitespace.
    """
    if not value:
        return ""
    text = _SPACES.sub("", value.translate(_FULL_WIDTH))
    return _BRACKETED_NUMBER.sub(_rebracket, text)


def looks_like_document_number(value: str | None) -> bool:
    """Whether `value`, once normalised, has the form of a 文号 (used by search to recognise a
    query that names one document)."""
    number = normalise_document_number(value)
    return bool(_DOCUMENT_NUMBER.match(number) or _ORDER_NUMBER.match(number))


def document_number_error(value: str | None, today: dt.date | None = None) -> str | None:
    """The Chinese message for a 文号 that is not acceptable on a disclosure, or None when it is
    (an empty 文号 is acceptable: statistics, pictures and many notices have none)."""
    number = normalise_document_number(value)
    if not number:
        return None
    bracketed = _ANY_BRACKETED_YEAR.search(number)
    if bracketed:
        year = int(bracketed.group(1) or bracketed.group(2))
        latest = (today or dt.date.today()).year
        if not FIRST_YEAR <= year <= latest:
            return f"文号年份“{year}”不正确：应在{FIRST_YEAR}年至{latest}年之间。"
    if _DOCUMENT_NUMBER.match(number) or _ORDER_NUMBER.match(number):
        return None
    return FORMAT_MESSAGE
