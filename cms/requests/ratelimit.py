"""Rate limits of the 依申请公开 form and status lookup, through the one limiter
(cms.core.ratelimit): per site and client, valid and invalid submissions counted apart (a
citizen correcting a form error is not throttled by their own mistakes), status lookups counted
all (they are what a tracking-code guesser sends). Limits: `JIYUE_REQUEST_RATE_LIMITS`."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from cms.core.ratelimit import client_ip, count_hit

__all__ = ["client_ip", "hit", "limit_for"]

DEFAULT_LIMITS = {"submit": (5, 3600), "invalid": (30, 3600), "status": (20, 3600)}


def limit_for(scope: str) -> tuple[int, int]:
    """(allowed hits, window seconds) for a scope, from JIYUE_REQUEST_RATE_LIMITS."""
    limits = getattr(settings, "JIYUE_REQUEST_RATE_LIMITS", {})
    return limits.get(scope, DEFAULT_LIMITS.get(scope, (5, 3600)))


def hit(request: HttpRequest, scope: str, site_id: int | None = None) -> bool:
    """Count one hit of this client on this site; False when over the allowance."""
    allowed, window = limit_for(scope)
    return count_hit(f"request:{scope}", f"{site_id}:{client_ip(request)}", allowed, window)
