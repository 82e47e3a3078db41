"""Visitor preferences that work without JavaScript: the elderly-mode (适老化) switch is a plain
link that sets a cookie and returns to the page, so it is keyboard- and screen-reader-friendly."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def elderly_mode_on(request: HttpRequest) -> bool:
    return request.COOKIES.get(settings.JIYUE_ELDERLY_COOKIE) == "1"


def toggle_elderly_mode(request: HttpRequest) -> HttpResponseRedirect:
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if elderly_mode_on(request):
        response.delete_cookie(settings.JIYUE_ELDERLY_COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            settings.JIYUE_ELDERLY_COOKIE,
            "1",
            max_age=settings.JIYUE_ELDERLY_COOKIE_AGE,
            samesite="Lax",
            httponly=False,
        )
    return response
