"""Login protection of the admin (等保 2.0 三级: 登录失败处理; 网络安全法 第二十一条: 留存日志).

django-axes counts failed logins and locks an account, and separately a source address, after
`JIYUE_LOGIN_FAILURE_LIMIT` failures for `JIYUE_LOGIN_LOCKOUT_MINUTES`; the right password does
not open a locked account. Every login success and failure of a known account is written to
Wagtail's audit log (日志), where auditors read and export it, and so is every logout. Platform administrators unlock
accounts in 设置 › 登录锁定 (cms/core/wagtail_hooks.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from wagtail.log_actions import log

LOGIN_SUCCEEDED_ACTION = "jiyue.login.succeeded"
LOGIN_FAILED_ACTION = "jiyue.login.failed"
LOGOUT_ACTION = "jiyue.logout"


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", "")


# An account name is at most this long (auth_user.username); a longer guess is still a guess.
USERNAME_MAX_LENGTH = 150


def login_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The username django-axes counts and locks (AXES_USERNAME_CALLABLE): as typed, cut to the
    longest account name. Axes stores it in a 255-character column; an overlong guess failed
    that insert on PostgreSQL and answered 500 instead of counting as a failure."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    if credentials:
        value = credentials.get(field)
    else:
        value = request.POST.get(field) if request is not None else None
    return None if value is None else str(value)[:USERNAME_MAX_LENGTH]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out login sees: a Chinese page, HTTP 429, nothing about the password."""
    minutes = settings.JIYUE_LOGIN_LOCKOUT_MINUTES
    # Rendered now: django-axes returns it from a middleware, after template responses render.
    return render(
        request,
        "core/login_locked.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def on_login_failed(sender: Any, credentials: dict, request: HttpRequest | None = None, **kw):
    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        data = {"ip": client_address(request)}
        log(instance=user, action=LOGIN_FAILED_ACTION, user=None, data=data)


def on_logged_in(sender: Any, request: HttpRequest, user, **kwargs: Any) -> None:
    log(
        instance=user,
        action=LOGIN_SUCCEEDED_ACTION,
        user=user,
        data={"ip": client_address(request)},
    )


def on_logged_out(sender: Any, request: HttpRequest | None, user, **kwargs: Any) -> None:
    if isinstance(user, SimpleLazyObject):  # request.user as django-otp wraps it
        user = user._wrapped
    if user is not None:
        log(instance=user, action=LOGOUT_ACTION, user=user, data={"ip": client_address(request)})


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_login_failed.connect(on_login_failed, dispatch_uid="jiyue.accounts.login_failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="jiyue.accounts.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="jiyue.accounts.logged_out")
