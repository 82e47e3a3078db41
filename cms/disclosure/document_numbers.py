"""文号 (document number) normalisation to GB/T 9704: the year is enclosed in the hexagonal
brackets U+3014/U+3015, whatever an editor or a legacy system typed (STANDARDS.md §4)."""

from __future__ import annotations

import re

# Year (4 digits) enclosed in any bracket pair people use instead of 〔〕, with optional spaces.
_BRACKETED_YEAR = re.compile(r"\s*[\[［(（﹝〔【〖]\s*((?:19|20)\d{2})\s*[\]］)）﹞〕】〗]\s*")
_SPACES = re.compile(r"\s+")


def normalise_document_number(value: str | None) -> str:
    """Return `value` with its bracketed year written `〔YYYY〕` and stray whitespace removed.

    `安政发[2026]12号`, `安政发（2026）12号`, `安政发(2026) 12 号` and `安政发﹝2026﹞12号` all become
    `安政发〔2026〕12号`. Idempotent; text without a bracketed year is only trimmed.
    """
    if not value:
        return ""
    text = _BRACKETED_YEAR.sub(lambda m: f"〔{m.group(1)}〕", value.strip())
    return _SPACES.sub("", text)
