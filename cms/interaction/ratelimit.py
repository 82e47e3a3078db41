"""Rate limits of the public message form, keyed so that one abuser cannot lock everyone out: per
client IP on one site, and per phone number across the cluster. The client IP comes from the
same helper as the 依申请公开 form (cms.requests.ratelimit.client_ip); the fixed-window counter
is the same pattern, with a caller-chosen key."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cms.requests.ratelimit import client_ip

DEFAULT_LIMITS = {"submit_ip": (5, 3600), "submit_phone": (3, 3600), "status": (20, 3600)}


def limit_for(scope: str) -> tuple[int, int]:
    limits = getattr(settings, "JIYUE_MESSAGE_RATE_LIMITS", {})
    return limits.get(scope, DEFAULT_LIMITS[scope])


def _hit(scope: str, identity: str) -> bool:
    allowed, window = limit_for(scope)
    key = f"jiyue:ratelimit:message:{scope}:{identity}"
    # add() is atomic: only the first hit of a window creates the key and sets its expiry.
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= allowed


def allow_submission(request: HttpRequest, site_id: int, phone: str) -> bool:
    """Count one valid submission; False when its IP on this site or its phone is over the limit.
    Both counters are always hit, so alternating phones does not lift the IP limit."""
    by_ip = _hit("submit_ip", f"{site_id}:{client_ip(request)}")
    by_phone = _hit("submit_phone", phone)
    return by_ip and by_phone


def allow_status_lookup(request: HttpRequest, site_id: int) -> bool:
    return _hit("status", f"{site_id}:{client_ip(request)}")
