"""Content-Security-Policy for every response of the cluster: scripts and styles only from our own
origin, no inline code, no framing, forms post only to the host that served them (等保 2.0 三级
恶意代码防范; issue 13 item 3).

Our own middleware rather than django-csp: the policy is one constant, and two things it needs
are outside django-csp's model. The nonce must reach Wagtail's date and chooser widget templates,
which Django's form renderer draws without the request (so it lives in a context variable, not
only on the request), and `frame-ancestors` follows the view's own framing decision (Wagtail's
preview marks itself SAMEORIGIN). Settings are shaped like Django 6.0's built-in `SECURE_CSP`
(directive → list of sources, `NONCE` placeholder) so the upgrade can drop this module.

The nonce is lazy: it is generated, and `'nonce-…'` added to `script-src`, only when a template
asked for one. Public pages never do, so their policy is plain `script-src 'self'`."""

from __future__ import annotations

import contextvars
import secrets
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"
NONCE = "<nonce>"  # placeholder in a directive's sources, like django.utils.csp.CSP.NONCE

DEFAULT_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'", NONCE],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

ASSET_DIRECTIVES = ("script-src", "style-src", "img-src", "font-src")

_nonce: contextvars.ContextVar[_LazyNonce | None] = contextvars.ContextVar(
    "jiyue_csp_nonce", default=None
)


class _LazyNonce:
    """One random value per response, created on first use."""

    def __init__(self) -> None:
        self.value: str | None = None

    def __str__(self) -> str:
        if self.value is None:
            self.value = secrets.token_urlsafe(18)
        return self.value


def current_nonce() -> str:
    """The nonce of the response being rendered (for `<script nonce=…>`); '' outside a request."""
    nonce = _nonce.get()
    return str(nonce) if nonce is not None else ""


def build_policy(
    policy: Mapping[str, Sequence[str]], nonce: str | None, *, framed_by_self: bool
) -> str:
    parts = []
    for directive, sources in policy.items():
        values = []
        for source in sources:
            if source == NONCE:
                if nonce:
                    values.append(f"'nonce-{nonce}'")
            else:
                values.append(source)
        if directive == "frame-ancestors" and framed_by_self:
            values = ["'self'"]
        parts.append(" ".join([directive, *values]) if values else directive)
    return "; ".join(parts)


def with_asset_origins(policy: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """`policy` plus the origins of STATIC_URL and MEDIA_URL when those are absolute (a CDN or a
    separate file host): the pages load their scripts, styles, fonts and images from there."""
    origins = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        parts = urlsplit(str(url or ""))
        if parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else f"//{parts.netloc}"
            if origin not in origins:
                origins.append(origin)
    extended = {directive: list(sources) for directive, sources in policy.items()}
    for directive in ASSET_DIRECTIVES:
        if directive in extended:
            extended[directive] += [o for o in origins if o not in extended[directive]]
    return extended


class ContentSecurityPolicyMiddleware:
    """Adds the policy (`JIYUE_CSP`, default `DEFAULT_POLICY`) to responses that have none, and
    `JIYUE_CSP_REPORT_ONLY` as a report-only header when set (to try a stricter policy)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policies = [
            (header, with_asset_origins(policy))
            for header, policy in (
                (HEADER, getattr(settings, "JIYUE_CSP", None) or DEFAULT_POLICY),
                (REPORT_ONLY_HEADER, getattr(settings, "JIYUE_CSP_REPORT_ONLY", None)),
            )
            if policy
        ]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lazy = _LazyNonce()
        token = _nonce.set(lazy)
        request.csp_nonce = lazy  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            _nonce.reset(token)
        # A view that allows same-origin framing (Wagtail's preview panel) keeps that for CSP.
        framed_by_self = response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        for header, policy in self.policies:
            if header not in response.headers:
                response.headers[header] = build_policy(
                    policy, lazy.value, framed_by_self=framed_by_self
                )
        return response
