"""Our own accessible human check for the public message form: a small sum written out in Chinese
words ("三加五等于几？"), readable by screen readers and answerable by anyone, with no image and no
third-party service. The expected answer travels in a signed, timestamped token, so the server
keeps no state; a used token is remembered in the cache until it expires so it cannot be replayed."""

from __future__ import annotations

import secrets

from django.core import signing
from django.core.cache import cache

SALT = "jiyue.interaction.challenge"
# Long enough to write a careful message.
MAX_AGE_SECONDS = 2 * 3600
DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """0–19 in Chinese words (the sums asked for stay below 19)."""
    return DIGITS[n] if n <= 10 else "十" + DIGITS[n % 10]


def new_challenge() -> tuple[str, str]:
    """(question, token)."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = f"{chinese_number(a)}加{chinese_number(b)}等于几？"
    token = signing.dumps({"a": a + b, "n": secrets.token_hex(8)}, salt=SALT, compress=True)
    return question, token


def check(token: str, answer: str) -> str | None:
    """None when `answer` is right for `token`; otherwise the Chinese error to show."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return "验证题已过期，请回答新的验证题。"
    except signing.BadSignature:
        return "验证题无效，请回答新的验证题。"
    value = (answer or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    words = {chinese_number(n): str(n) for n in range(19)}
    value = words.get(value, value)
    if not (value.isascii() and value.isdigit()) or int(value) != data.get("a"):
        return "验证题答案不正确，请重新计算后填写阿拉伯数字。"
    used_key = f"jiyue:challenge:used:{data.get('n')}"
    if not cache.add(used_key, 1, timeout=MAX_AGE_SECONDS):
        return "验证题已使用过，请回答新的验证题。"
    return None
