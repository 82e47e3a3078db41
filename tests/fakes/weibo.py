"""A fake Weibo API following STANDARDS.md §6: `POST /2/statuses/share.json` with an OAuth
token; text ≤ 140 字 (two half-width characters count as one) containing a link on a registered
safe domain; 20019 for a repeated text, 21327 for an expired token. Faults: "rate" (10023),
"expired" (21327 for this one call), plus the server's "timeout" and "500". `posts` counts
statuses per link."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from typing import Any

from tests.fakes.server import FakeServer, Request

LINK = re.compile(r"https?://([^/\s:]+)")
URL = re.compile(r"https?://\S+")


def error(code: int, message: str, status: int = 400) -> tuple[int, dict[str, Any]]:
    return status, {"error": message, "error_code": code, "request": "/2/statuses/share.json"}


def length(text: str) -> int:
    half = sum(1 for ch in text if ord(ch) < 128)
    return len(text) - half + math.ceil(half / 2)


class FakeWeibo(FakeServer):
    def __init__(
        self, tokens: dict[str, str] | None = None, safe_domains: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.tokens = dict(tokens or {})  # token -> uid
        self.expired: set[str] = set()
        self.safe_domains = set(safe_domains)
        self.ids = itertools.count(4_900_000_000_000_001)
        self.statuses: dict[str, dict[str, Any]] = {}
        self.posts: Counter = Counter()

    def routes(self) -> dict[str, Any]:
        return {"/2/statuses/share.json": self.share}

    def platform_fault(self, name: str) -> tuple[int, dict[str, Any]]:
        return {
            "rate": error(10023, "User requests out of rate limit!", 403),
            "expired": error(21327, "expired_token", 401),
        }[name]

    def share(self, request: Request):
        form = request.form()
        token = form.get("access_token", "")
        if token in self.expired:
            return error(21327, "expired_token", 401)
        uid = self.tokens.get(token)
        if uid is None:
            return error(21332, "invalid_access_token", 401)
        text = form.get("status", "")
        if not text:
            return error(10016, "miss required parameter (status)")
        if length(text) > 140:
            return error(20012, "Text too long, please input text less than 140 characters!")
        domains = LINK.findall(text)
        if not any(d in self.safe_domains for d in domains):
            return error(10017, "status must contain a link on the registered safe domain")
        if any(s["text"] == text and s["uid"] == uid for s in self.statuses.values()):
            return error(20019, "Repeat content!")
        idstr = str(next(self.ids))
        self.statuses[idstr] = {"text": text, "uid": uid}
        self.posts[URL.search(text).group(0)] += 1
        return 200, {"id": int(idstr), "idstr": idstr, "text": text, "user": {"idstr": uid}}
