"""Admin account views Jiyue tightens. Logging out changes state, so it takes a POST only: a GET
(an image in page content pointing at /admin/logout/) must not end an administrator's session.
Wagtail's own view deletes the session cookie on every response, a refused GET included."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from wagtail.admin.views.account import LogoutView

_wagtail_logout = LogoutView.as_view()


def logout(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"], content="请使用页面上的“退出”按钮退出登录。")
        response["Content-Type"] = "text/plain; charset=utf-8"
        return response
    return _wagtail_logout(request, *args, **kwargs)
