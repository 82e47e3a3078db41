"""The one rate limiter of the public forms: a fixed-window counter in the Django cache (shared
by every process when REDIS_URL is set), and the one rule for who the client is.

Callers key their counts by site, form and client, so one abuser cannot close a form for the
whole cluster, and count valid and invalid submissions under separate scopes; a throttled citizen
gets the form back with what they typed (the callers' rule).

The client address: REMOTE_ADDR, unless the deployment declares its own proxies.
`JIYUE_TRUSTED_PROXY_COUNT = N` takes the N-th address from the right of X-Forwarded-For (each of
our proxies appends the address it saw; everything to the left of that was written by the
client). `JIYUE_CLIENT_IP_HEADER` names a single-valued header our proxy sets (X-Real-IP); a
list in it is read from the right too, never the client-written left end."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = int(getattr(settings, "JIYUE_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        chain = _addresses(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        return chain[-proxies] if len(chain) >= proxies else remote
    header = getattr(settings, "JIYUE_CLIENT_IP_HEADER", "")
    if header:
        chain = _addresses(request.META.get(header, ""))
        if chain:
            return chain[-1]
    return remote


def _addresses(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def count_hit(scope: str, identity: str, allowed: int, window: int) -> bool:
    """Count one hit of `identity` in `scope`; False once more than `allowed` in `window` s."""
    key = f"jiyue:ratelimit:{scope}:{identity}"
    # add() is atomic: only the first hit of a window creates the key and sets its expiry.
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= allowed


def minutes_left(window: int) -> int:
    """What to tell a throttled citizen: at most the window, in whole minutes."""
    return max(1, (window + 59) // 60)
