"""Error pages of the public sites (issue 15 item 1): 400, 403 and 404 inside the serving site's own
header and footer with a search box and a link home; a host that no site of the cluster serves
gets a plain page listing the cluster's sites; 500 is a static page that never touches the
database (it may be what the visitor sees because the database is down).

The site is resolved exactly as page routing resolves it (Wagtail's `Site.find_for_request`, so an
allowed host without its own site falls back to the default site, the city portal, as the pages
themselves do). A host refused by ALLOWED_HOSTS (production lists the cluster's domains) raises
DisallowedHost on `request.get_host()`: that request reaches the 400 handler and gets the list of
sites, because no site of ours answers for that name."""

from __future__ import annotations

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.template import loader
from django.template.response import TemplateResponse

from sites.directory import cluster_directory
from sites.models import SiteProfile

logger = logging.getLogger("jiyue.errors")

# What each status tells the visitor (Chinese, for citizens).
MESSAGES: dict[int, tuple[str, str]] = {
    400: ("请求有误", "您的请求无法被处理，请检查网址或重新提交。"),
    403: ("无权访问", "您没有访问该页面的权限。"),
    404: ("页面不存在", "您访问的页面不存在、已删除或网址有误。"),
}
# A form posted from a page left open too long (or with cookies blocked) fails the CSRF check.
CSRF_MESSAGE = (
    "页面已过期",
    "表单已失效，请返回上一页刷新后重新填写提交；如仍不能提交，请允许本站使用 Cookie。",
)
# Used when even the 500 template cannot be rendered: nothing but a string.
LAST_RESORT = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>服务器错误</title>'
    '</head><body><h1>服务器错误</h1><p>网站暂时无法访问，请稍后再试。</p><p><a href="/">返回首页</a>'
    "</p></body></html>"
)


def request_host(request: HttpRequest) -> str | None:
    """The validated host name (without port), or None for a host ALLOWED_HOSTS refuses."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return split_domain_port(host)[0] or host


def serving_profile(request: HttpRequest) -> SiteProfile | None:
    """The profile of the site serving `request`, None for a host no site of the cluster serves."""
    if request_host(request) is None:
        # SiteProfile.for_request would call get_host() again; remember the answer for templates.
        request._jiyue_site_profile = None  # type: ignore[attr-defined]
        return None
    return SiteProfile.for_request(request)


def error_page(
    request: HttpRequest, status: int, text: tuple[str, str] | None = None
) -> HttpResponse:
    title, message = text or MESSAGES[status]
    try:
        profile = serving_profile(request)
        if profile is None:
            response = TemplateResponse(
                request,
                "errors/unknown_host.html",
                {"title": title, "directory": cluster_directory()},
                status=status,
            )
        else:
            response = TemplateResponse(
                request,
                "errors/error_page.html",
                {"status": status, "title": title, "message": message},
                status=status,
            )
        return response.render()
    except Exception:
        # A broken database or template must not turn a 404 into an unhandled error.
        logger.exception("error page %s could not be rendered", status)
        return server_error(request, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the 403 page, saying what the citizen can do about it."""
    return error_page(request, 403, CSRF_MESSAGE)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest, status: int = 500) -> HttpResponse:
    """Static: rendered without a RequestContext (no context processor, so no query); only the
    host name the visitor typed is shown."""
    try:
        html = loader.get_template("errors/500.html").render({"host": request_host(request) or ""})
    except Exception:
        logger.exception("the 500 page could not be rendered")
        html = LAST_RESORT
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
