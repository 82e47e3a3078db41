"""Plain text of a page's fields, with the way back from a plain-text position to the field's
stored rich text, so a finding can be shown in the words the editor reads and still be found in
the HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Block-level boundaries become a line break: words in two paragraphs (or digits in two table
# cells) must not join into one match.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "hr",
    ]
)
_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--.*?-->|&#?[a-zA-Z0-9]+;|[^<&]+|[<&]", re.S
)


@dataclass(frozen=True)
class FieldText:
    """One field's text as checked: `text` is plain; `offsets[i]` is where plain character i
    starts in `source` (the stored value, HTML for rich text)."""

    name: str
    label: str
    text: str
    source: str
    offsets: tuple[int, ...] | None = None  # None: plain field, positions are the same

    def source_position(self, position: int) -> int:
        if self.offsets is None:
            return position
        if position < len(self.offsets):
            return self.offsets[position]
        return len(self.source)


def plain_field(name: str, label: str, value: str) -> FieldText:
    return FieldText(name, label, value or "", value or "")


def rich_field(name: str, label: str, value: str) -> FieldText:
    """Strip the tags of `value`, decode entities, and keep each character's source offset."""
    value = value or ""
    pieces: list[str] = []
    offsets: list[int] = []
    last = ""  # the last plain character so far, to avoid doubling line breaks
    # Whole runs at a time: appending character by character cost most of the check's time
    # on a 20,000-character article (benchmarks/safety.py).
    for match in _TOKEN.finditer(value):
        token, start = match.group(0), match.start()
        if match.group(2) is not None:  # a tag
            if match.group(2).lower() in _BLOCK_TAGS and last and last != "\n":
                pieces.append("\n")
                offsets.append(start)
                last = "\n"
        elif token.startswith("<!--"):
            continue
        elif token.startswith("&") and len(token) > 1:
            decoded = html.unescape(token)
            if decoded:
                pieces.append(decoded)
                offsets.extend([start] * len(decoded))
                last = decoded[-1]
        elif token:
            pieces.append(token)
            offsets.extend(range(start, start + len(token)))
            last = token[-1]
    return FieldText(name, label, "".join(pieces), value, tuple(offsets))
