"""Opaque cursors: URL-safe base64 of a small JSON object, signed so that an app cannot forge
positions (a tampered or truncated cursor is a 400 with a Chinese message, never a 500)."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.core import signing

SALT = "jiyue.api.cursor"


class CursorError(ValueError):
    """The cursor is not one this API issued."""


def encode(data: dict[str, Any]) -> str:
    signed = signing.dumps(data, salt=SALT, compress=False)
    return base64.urlsafe_b64encode(signed.encode("ascii")).decode("ascii").rstrip("=")


def decode(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        signed = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        data = signing.loads(signed, salt=SALT)
    except (ValueError, UnicodeError, signing.BadSignature, json.JSONDecodeError) as error:
        raise CursorError("游标无效，请使用接口返回的 next_cursor。") from error
    if not isinstance(data, dict):
        raise CursorError("游标无效，请使用接口返回的 next_cursor。")
    return data
