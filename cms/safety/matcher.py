"""One Aho-Corasick automaton over every wrong form of a protected term and every sensitive word:
a 20,000-character article is scanned once, whatever the length of the lists (benchmarks/
safety.py). The automaton is built once per list version and held per process; a change to a
list bumps `ListVersion`, and the next check in any process rebuilds it."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

import ahocorasick

from cms.safety.models import ListVersion, ProtectedTerm, SensitiveWord, Severity, TermCategory


@dataclass(frozen=True)
class Pattern:
    kind: str  # "protected" (a wrong form) or "sensitive"
    text: str  # what is matched
    category: str  # Chinese label of the list category
    suggestion: str  # the correct form, or how to fix it
    severity: str = Severity.BLOCK


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    pattern: Pattern


class Matcher:
    def __init__(self, patterns: list[Pattern]) -> None:
        self.size = len(patterns)
        self._automaton = ahocorasick.Automaton()
        for pattern in patterns:
            # A word on both lists is reported once, as the protected term (it has a correction).
            existing = self._automaton.get(pattern.text, None)
            if existing is None or (existing.kind == "sensitive" and pattern.kind == "protected"):
                self._automaton.add_word(pattern.text, pattern)
        if patterns:
            self._automaton.make_automaton()

    def hits(self, text: str) -> list[Hit]:
        """Every match, longest first where matches overlap (攻府 inside 人民攻府 is one hit)."""
        if not self.size or not text:
            return []
        found = [
            Hit(end - len(pattern.text) + 1, end + 1, pattern)
            for end, pattern in self._automaton.iter(text)
        ]
        found.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
        kept: list[Hit] = []
        reach = -1
        for hit in found:
            if hit.end <= reach:
                continue  # inside a longer match already kept
            kept.append(hit)
            reach = max(reach, hit.end)
        return kept


def load_patterns() -> list[Pattern]:
    labels = dict(TermCategory.choices)
    patterns: list[Pattern] = []
    terms = ProtectedTerm.objects.filter(active=True).values_list(
        "correct", "wrong_forms", "category"
    )
    for correct, wrong_forms, category in terms.iterator():
        term = ProtectedTerm(correct=correct, wrong_forms=wrong_forms)
        for form in term.forms():
            patterns.append(Pattern("protected", form, labels.get(category, category), correct))
    words = SensitiveWord.objects.filter(active=True).values_list(
        "word", "category", "severity", "suggestion"
    )
    for word, category, severity, suggestion in words.iterator():
        patterns.append(Pattern("sensitive", word, category, suggestion, severity))
    return patterns


_lock = threading.Lock()
_cached: tuple[str, Matcher] | None = None


def current_version() -> str:
    return ListVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def bump_version() -> None:
    ListVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def get_matcher() -> Matcher:
    """The automaton of the current lists: one query to read the version, a rebuild on change."""
    global _cached
    version = current_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, Matcher(load_patterns()))
        return _cached[1]
