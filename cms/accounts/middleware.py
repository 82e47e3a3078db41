"""The admin's session rules, applied to every request under /admin/:

1. Idle time-out (等保 2.0 三级 登录连接超时自动退出): a session unused for
   `JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES` is ended and the next request goes to the login page with
   a Chinese message. Requests a page makes on its own (the editor's presence ping) do not count
   as activity; the stamp is rewritten at most once a minute to spare the session store.
2. Second factor (cms/accounts/policy.py): an account with an authenticator verifies it before
   anything else; an account that must have one and has none is sent to enrolment."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cms.accounts import actions, devices
from cms.accounts.policy import gate_enabled, must_use_second_factor

LAST_SEEN_KEY = "jiyue_admin_last_seen"
STAMP_GRANULARITY_SECONDS = 60
# Reached before the second factor: signing in and out, resetting a password, the 2FA screens.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "jiyue_2fa_verify",
    "jiyue_2fa_setup",
    "jiyue_2fa_qr",
}
# Requests the browser makes on a timer: they neither count as activity nor get redirected.
PASSIVE_NAMESPACES = {"wagtailadmin_editing_sessions"}


def idle_timeout_seconds() -> int:
    return int(getattr(settings, "JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES", 30)) * 60


def stamp_activity(request: HttpRequest) -> None:
    request.session[LAST_SEEN_KEY] = int(time.time())


class AdminSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        name = match.url_name if match else ""
        passive = bool(match and PASSIVE_NAMESPACES & set(match.namespaces))
        expired = self._idle_expired(request, passive)
        if expired is not None:
            return expired
        if name in OPEN_VIEWS or passive or not gate_enabled():
            return None
        if request.user.is_verified():
            return None
        target = quote(request.get_full_path())
        if devices.has_second_factor(request.user):
            return redirect(f"{reverse('jiyue_2fa_verify')}?next={target}")
        if must_use_second_factor(request.user):
            return redirect(f"{reverse('jiyue_2fa_setup')}?next={target}")
        return None

    def _idle_expired(self, request: HttpRequest, passive: bool) -> HttpResponse | None:
        timeout = idle_timeout_seconds()
        now = int(time.time())
        last = request.session.get(LAST_SEEN_KEY)
        if timeout and last is not None and now - int(last) > timeout:
            actions.record(request, actions.IDLE_LOGOUT, request.user, minutes=timeout // 60)
            logout(request)
            messages.warning(
                request,
                f"您已超过 {timeout // 60} 分钟未操作，为保护账号安全已自动退出，请重新登录。",
            )
            login = reverse("wagtailadmin_login")
            return redirect(f"{login}?next={quote(request.get_full_path())}")
        if not passive and (last is None or now - int(last) >= STAMP_GRANULARITY_SECONDS):
            stamp_activity(request)
        return None
