"""Fixed-window rate limiting per client IP in the Django cache (shared across processes when
REDIS_URL is set). Used by the public request form and status lookup against flooding and
guessing."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # Behind a proxy the deployment names the header it sets (e.g. HTTP_X_REAL_IP); never trust
    # X-Forwarded-For blindly, a client can write anything into it.
    header = getattr(settings, "JIYUE_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def limit_for(scope: str) -> tuple[int, int]:
    """(allowed hits, window seconds) for a scope, from JIYUE_REQUEST_RATE_LIMITS."""
    limits = getattr(settings, "JIYUE_REQUEST_RATE_LIMITS", {})
    return limits.get(scope, (5, 3600))


def hit(request: HttpRequest, scope: str) -> bool:
    """Count one hit; False when this client has used up its allowance for the window."""
    allowed, window = limit_for(scope)
    key = f"jiyue:ratelimit:{scope}:{client_ip(request)}"
    # add() is atomic: only the first hit of a window creates the key and sets its expiry.
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= allowed
