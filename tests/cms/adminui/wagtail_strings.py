"""Wagtail's default English strings, and a finder of them in what an admin page shows.

The strings are the msgids of Wagtail's English catalogues (every `wagtail/**/locale/en/…/django.po`:
the source side of every translation). A msgid is cut at its placeholders (`%(name)s`, `{name}`)
and tags into literal fragments; a fragment of at least MIN_WORDS English words is a sentence an
editor would notice. A page's visible text is its text nodes (outside <script> and <style>), the
attributes a user reads (placeholder, title, aria-label, alt, the value of buttons) and the
sidebar's menu labels (a JSON script the sidebar renders from)."""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import wagtail

MIN_WORDS = 3
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdf]|%[sd]|\{[^}]*\}|<[^>]+>|&[a-z]+;")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}


def _po_msgids(path: Path) -> list[str]:
    """msgid and msgid_plural strings of one .po file (multi-line strings joined)."""
    msgids, current, key = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgid_plural ")):
            if key and current:
                msgids.append("".join(current))
            key, current = "msgid", [ast.literal_eval(line.split(" ", 1)[1])]
        elif line.startswith('"') and key:
            current.append(ast.literal_eval(line))
        else:
            if key and current:
                msgids.append("".join(current))
            key, current = None, []
    if key and current:
        msgids.append("".join(current))
    return [m for m in msgids if m]


@cache
def english_sentences() -> frozenset[str]:
    """Fragments of Wagtail's msgids with at least MIN_WORDS words, whitespace-normalised."""
    root = Path(wagtail.__file__).parent
    sentences = set()
    for po in root.glob("**/locale/en/LC_MESSAGES/django.po"):
        for msgid in _po_msgids(po):
            for fragment in PLACEHOLDER.split(msgid):
                fragment = " ".join(fragment.split()).strip(" .,:;…!?\"'()")
                if len(WORD.findall(fragment)) >= MIN_WORDS and fragment.isascii():
                    sentences.add(fragment)
    return frozenset(sentences)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._json = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in {"script", "style"}:
            self._skip += 1
            self._json = values.get("id") == "wagtail-sidebar-props"
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.parts.append(value)
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)
            self._json = False

    def handle_data(self, data):
        if self._json:
            self.parts.extend(_json_strings(json.loads(data)))
        elif not self._skip:
            self.parts.append(data)


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(" ".join(part.split()) for part in parser.parts if part.strip())


def english_found(html: str) -> list[str]:
    """Wagtail's English sentences present in the page, as whole words."""
    text = visible_text(html)
    found = []
    for sentence in english_sentences():
        if sentence in text and re.search(rf"(?<![A-Za-z]){re.escape(sentence)}(?![A-Za-z])", text):
            found.append(sentence)
    return sorted(found)
