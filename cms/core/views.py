"""Admin account views Jiyue tightens.

Logging out changes state, so it takes a POST only: a GET (an image in page content pointing at
/admin/logout/) must not end an administrator's session. Wagtail's own view deletes the session
cookie on every response, a refused GET included.

Password reset sends e-mail, so it is throttled per client address and per e-mail address
(`JIYUE_PASSWORD_RESET_LIMITS`): ten requests no longer send ten e-mails to a victim."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from wagtail.admin.views.account import LogoutView, PasswordResetView

from cms.core.ratelimit import client_ip, count_hit, minutes_left

_wagtail_logout = LogoutView.as_view()
_wagtail_password_reset = PasswordResetView.as_view()
DEFAULT_RESET_LIMITS = {"ip": (5, 3600), "email": (3, 3600)}


def logout(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"], content="请使用页面上的“退出”按钮退出登录。")
        response["Content-Type"] = "text/plain; charset=utf-8"
        return response
    return _wagtail_logout(request, *args, **kwargs)


def password_reset(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if request.method == "POST":
        limits = {**DEFAULT_RESET_LIMITS, **getattr(settings, "JIYUE_PASSWORD_RESET_LIMITS", {})}
        email = (request.POST.get("email") or "").strip().lower()[:254]
        by_ip = count_hit("password-reset:ip", client_ip(request), *limits["ip"])
        by_email = count_hit("password-reset:email", email, *limits["email"]) if email else True
        if not (by_ip and by_email):
            window = max(limits["ip"][1], limits["email"][1])
            context = {"minutes": minutes_left(window), "email": email}
            return render(request, "core/password_reset_throttled.html", context, status=429)
    return _wagtail_password_reset(request, *args, **kwargs)
