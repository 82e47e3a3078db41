"""Highlighted titles and snippets for engines that do not highlight themselves (the embedded
engine). Output is escaped HTML with the matched terms in <mark>."""

from __future__ import annotations

import re

from django.utils.html import escape

SNIPPET_LENGTH = 120
_WHITESPACE = re.compile(r"\s+")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def mark(text: str, terms: list[str]) -> str:
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    # Adjacent matches become one mark: 信息公开 is searched as 信息 + 公开 but read as one word.
    spans: list[list[int]] = []
    for match in pattern.finditer(text):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(texts: list[str], terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """A window of the first text that mentions a term, centred on the first mention."""
    pattern = _pattern(terms)
    cleaned = [_WHITESPACE.sub(" ", text).strip() for text in texts if text]
    if not cleaned:
        return ""
    if pattern is not None:
        for text in cleaned:
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - length // 3)
                window = text[start : start + length]
                prefix = "…" if start > 0 else ""
                suffix = "…" if start + length < len(text) else ""
                return prefix + mark(window, terms) + suffix
    first = cleaned[0]
    return escape(first[:length]) + ("…" if len(first) > length else "")
