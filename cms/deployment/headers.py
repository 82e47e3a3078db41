"""The security headers Django puts on a public page, computed from the same settings and
functions its middleware uses, so a file served by nginx from the static tree carries exactly
what the same page rendered by Django would (cms/core/csp.py, cms/core/middleware.py, Django's
SecurityMiddleware and XFrameOptionsMiddleware)."""

from __future__ import annotations

from django.conf import settings

from cms.core.csp import DEFAULT_POLICY, HEADER, build_policy, with_asset_origins
from cms.core.middleware import PERMISSIONS_POLICY

HSTS_HEADER = "Strict-Transport-Security"


def hsts_value() -> str:
    """What SecurityMiddleware sends on an HTTPS response ('' when HSTS is off)."""
    seconds = int(getattr(settings, "SECURE_HSTS_SECONDS", 0) or 0)
    if not seconds:
        return ""
    value = f"max-age={seconds}"
    if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
        value += "; includeSubDomains"
    if getattr(settings, "SECURE_HSTS_PRELOAD", False):
        value += "; preload"
    return value


def page_headers() -> dict[str, str]:
    """Headers of every public page regardless of scheme (HSTS is separate: HTTPS only).

    A public page never asks for a CSP nonce (cms/core/csp.py), so its policy is the plain one."""
    policy = getattr(settings, "JIYUE_CSP", None) or DEFAULT_POLICY
    headers = {HEADER: build_policy(with_asset_origins(policy), None, framed_by_self=False)}
    report_only = getattr(settings, "JIYUE_CSP_REPORT_ONLY", None)
    if report_only:
        headers["Content-Security-Policy-Report-Only"] = build_policy(
            with_asset_origins(report_only), None, framed_by_self=False
        )
    headers["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
    if getattr(settings, "SECURE_CONTENT_TYPE_NOSNIFF", True):
        headers["X-Content-Type-Options"] = "nosniff"
    referrer = getattr(settings, "SECURE_REFERRER_POLICY", None)
    if referrer:
        headers["Referrer-Policy"] = referrer if isinstance(referrer, str) else ",".join(referrer)
    coop = getattr(settings, "SECURE_CROSS_ORIGIN_OPENER_POLICY", "same-origin")
    if coop:
        headers["Cross-Origin-Opener-Policy"] = coop
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    return headers
