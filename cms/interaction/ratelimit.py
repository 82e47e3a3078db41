"""Rate limits of the public forms of 政民互动 (the message board, consultation answers and
interview questions): one fixed-window counter in the Django cache for all of them, keyed so
that one abuser cannot lock everyone out: per client IP on one site or one page, and per phone
number across the cluster for messages. A throttled citizen gets the form back with what they
typed (the callers' rule). The client IP comes from the same helper as the 依申请公开 form
(cms.core.ratelimit: the one limiter and client rule). Limits: `JIYUE_MESSAGE_RATE_LIMITS` {scope: (hits, seconds)}."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from cms.core.ratelimit import client_ip, count_hit

# A consultation allows more answers per IP than a message board: a whole office or village
# committee may answer a survey from one NAT address, and one-answer-per-person is enforced
# separately (cms.participation.identity).
DEFAULT_LIMITS = {
    "submit_ip": (5, 3600),
    "submit_phone": (3, 3600),
    "status": (20, 3600),
    "consultation_ip": (30, 3600),
    "interview_ip": (10, 3600),
}
THROTTLED_FORM_MESSAGE = (
    "您提交过于频繁，本次内容暂未提交。您填写的内容已保留在下方，请稍后（约一小时后）再点击提交。"
)


def limit_for(scope: str) -> tuple[int, int]:
    limits = getattr(settings, "JIYUE_MESSAGE_RATE_LIMITS", {})
    return limits.get(scope, DEFAULT_LIMITS[scope])


def _hit(scope: str, identity: str) -> bool:
    allowed, window = limit_for(scope)
    return count_hit(f"message:{scope}", identity, allowed, window)


def allow_submission(request: HttpRequest, site_id: int, phone: str) -> bool:
    """Count one valid submission; False when its IP on this site or its phone is over the limit.
    Both counters are always hit, so alternating phones does not lift the IP limit."""
    by_ip = _hit("submit_ip", f"{site_id}:{client_ip(request)}")
    by_phone = _hit("submit_phone", phone)
    return by_ip and by_phone


def allow_status_lookup(request: HttpRequest, site_id: int) -> bool:
    return _hit("status", f"{site_id}:{client_ip(request)}")


def allow_page_submission(request: HttpRequest, scope: str, page_id: int) -> bool:
    """Count one valid submission of a page's public form (`consultation_ip`, `interview_ip`):
    per client IP and page, so a flood of one page from one address blocks only that address."""
    return _hit(scope, f"{page_id}:{client_ip(request)}")
