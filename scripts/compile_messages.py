#!/usr/bin/env python3
"""Compile the project's own .po catalogues to .mo without GNU gettext (`msgfmt` is often missing
on a fresh machine, and Django's `compilemessages` needs it). The .mo files are committed; run this
after editing a .po (tests/cms/adminui/test_translations.py fails while a .mo is out of date).

    python scripts/compile_messages.py          # writes cms/adminui/locale/**/django.mo
    python scripts/compile_messages.py --check  # exit 1 if a committed .mo differs

The format written is GNU's (as Python's Tools/i18n/msgfmt.py writes it): no hash table, keys
sorted, contexts as "ctxt\\x04msgid", plural forms joined by NUL."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE_DIRS = [Path(__file__).resolve().parent.parent / "cms" / "adminui" / "locale"]


def parse_po(text: str) -> dict[bytes, bytes]:
    """{key: translation} of the entries with a translation (fuzzy entries left out)."""
    catalogue: dict[bytes, bytes] = {}
    entry: dict[str, str] = {}
    key = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid += "\0" + entry["msgid_plural"]
                forms = sorted(k for k in entry if k.startswith("msgstr["))
                msgstr = "\0".join(entry[k] for k in forms)
            else:
                msgstr = entry.get("msgstr", "")
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            if msgstr.replace("\0", ""):
                catalogue[msgid.encode()] = msgstr.encode()
        entry, fuzzy = {}, False

    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#") or not line:
            if key is not None and not line.startswith("#"):
                flush()
                key = None
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            name, value = line.split(" ", 1)
            if name in ("msgctxt", "msgid") and key is not None and key.startswith("msgstr"):
                flush()
            key = name
            entry[key] = ast.literal_eval(value)
    flush()
    return catalogue


def mo_bytes(catalogue: dict[bytes, bytes]) -> bytes:
    keys = sorted(catalogue)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(catalogue[k] + b"\0" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    key_offsets, value_offsets = [], []
    id_pos = str_pos = 0
    for k in keys:
        key_offsets += [len(k), key_start + id_pos]
        value_offsets += [len(catalogue[k]), value_start + str_pos]
        id_pos += len(k) + 1
        str_pos += len(catalogue[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    tables = struct.pack(f"{len(key_offsets)}i", *key_offsets)
    tables += struct.pack(f"{len(value_offsets)}i", *value_offsets)
    return header + tables + ids + strs


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for locale_dir in LOCALE_DIRS:
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            data = mo_bytes(parse_po(po.read_text(encoding="utf-8")))
            mo = po.with_suffix(".mo")
            if check:
                if not mo.exists() or mo.read_bytes() != data:
                    stale.append(mo)
            else:
                mo.write_bytes(data)
    if stale:
        print("过期的 .mo 文件，请运行 python scripts/compile_messages.py：", *stale)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
