"""Highlighted titles and snippets for engines that do not highlight themselves (the embedded
engine, and Elasticsearch where its analyser marked nothing). Output is escaped HTML with the
matched terms in <mark>.

Terms arrive folded to simplified script (search.text.normalise); the text is matched in its
folded form, which has the same length, so the marks fall on the original characters: a page in
traditional script found by 信息公开 shows <mark>信息公開</mark> on its own characters."""

from __future__ import annotations

import re

from django.utils.html import escape

from search.text import to_simplified

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
    for match in pattern.finditer(to_simplified(text)):
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
            match = pattern.search(to_simplified(text))
            if match:
                start = max(0, match.start() - length // 3)
                window = text[start : start + length]
                prefix = "…" if start > 0 else ""
                suffix = "…" if start + length < len(text) else ""
                return prefix + mark(window, terms) + suffix
    first = cleaned[0]
    return escape(first[:length]) + ("…" if len(first) > length else "")
