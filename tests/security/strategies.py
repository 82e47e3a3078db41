"""Hypothesis strategies for hostile input, the one home of them: the public-endpoint fuzz test,
the search tests and the form robustness tests draw from here."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# str.isdigit() accepts these, int() refuses some of them: superscripts, circled numbers,
# Arabic-Indic, full-width and Devanagari digits.
UNICODE_DIGITS = st.sampled_from(
    ["\u00b2", "\u2460", "\u0662\u0660\u0662\u0666", "\uff12\uff10\uff12\uff16", "\u0967", "①②"]
)
EXTREME_DATES = st.sampled_from(
    [
        "9999-12-31", "0000-00-00", "0001-01-01", "2026-02-30", "2026-13-01", "2026-00-10",
        "10000-01-01", "-2026-01-01", "2026-1-1", "2026/05/20", "20260520", "2026-05-20T25:00",
        "2026-05-20T23:59:60+14:00", "9999-12-31T23:59:59", "1900-01-01", "２０２６-０５-２０",
    ]
) | st.dates().map(dt.date.isoformat)  # fmt: skip
HUGE_NUMBERS = st.sampled_from(
    ["99999999999999999999999", "-1", "0", "-9223372036854775809", "9223372036854775808",
     "2147483648", "1e309", "NaN", "inf", "0x10", "1_000", "٣", "3.5", " 7 "]
) | st.integers().map(str)  # fmt: skip
CONTROL = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\u2028", "\ufeff", "\ud7ff"])
NUL_TEXT = st.builds(lambda a, c, b: a + c + b, st.text(max_size=10), CONTROL, st.text(max_size=10))
LONG_TEXT = st.sampled_from([1_000, 5_000, 20_000]).map(lambda n: "长" * n)
SEGMENT = st.sampled_from(
    ["", ".", "..", "%00", "%2e%2e", "a" * 300, "①", "٣", "x.xml", "-1", "0", "99999999999999999999",
     "\u202e", "%E2%91%A0", "../../etc/passwd", "~", "a b"]
)  # fmt: skip

# Any one query or form value: ordinary text, or one of the hostile families above.
VALUES = st.one_of(
    st.text(max_size=40),
    UNICODE_DIGITS,
    EXTREME_DATES,
    HUGE_NUMBERS,
    NUL_TEXT,
    LONG_TEXT,
    st.just(""),
)


def params(names: list[str]) -> st.SearchStrategy[dict[str, str | list[str]]]:
    """Query strings or form bodies over `names` (the fields an endpoint reads) and a few others,
    each value alone or repeated."""
    keys = st.sampled_from([*names, "page", "q", "format", "year", "from", "to", "id"])
    value = VALUES | st.lists(VALUES, min_size=2, max_size=3)
    return st.dictionaries(keys, value, max_size=6)


# The search page and its APIs (tests/search/test_views.py).
SEARCH_SYNTAX = st.sampled_from(['"', "*", ":", "NEAR", "AND", "OR", "NOT", "(", ")", "-", "'",
                                 "\\", "^", "{", "}", "%", "_", "\x00", "“", "；", " ", "公开", "a"])  # fmt: skip
SEARCH_QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(SEARCH_SYNTAX, max_size=40).map("".join),
    st.text(alphabet="的一是公开信息政府通知", min_size=90, max_size=400),
)
SEARCH_PARAMS = st.fixed_dictionaries(
    {"q": SEARCH_QUERIES},
    optional={
        "page": st.sampled_from(["0", "-1", "2", "99999", "x", "1e9", ""]) | HUGE_NUMBERS,
        "sort": st.text(max_size=10),
        "scope": st.sampled_from(["site", "all", "x"]),
        "year": st.text(max_size=6) | UNICODE_DIGITS | st.sampled_from(["2026", "1948"]),
        "from": st.text(max_size=12) | EXTREME_DATES,
        "column_type": st.text(max_size=120),
        "site": st.text(max_size=20),
        "organisation": st.text(max_size=20) | HUGE_NUMBERS,
        "topic": st.text(max_size=20) | HUGE_NUMBERS,
        "genre": st.text(max_size=20),
        "to": st.text(max_size=12) | EXTREME_DATES,
    },
)
