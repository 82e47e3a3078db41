"""URLs of the app API: the Chinese docs page, the ninja operations (and the schema at
/api/v1/schema/), and JSON errors for the rest: any other path below /api/v1/ is a 404, and a
method an endpoint does not take (ninja answers it with a plain-text 405) gets a Chinese message."""

from __future__ import annotations

import functools

from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, path

from cms.api import views
from cms.api.api import api


def _json_405(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            json = JsonResponse(
                {"message": f"该接口不支持 {request.method} 请求，请使用 GET。"},
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
            json["Allow"] = response.get("Allow", "GET")
            return json
        return response

    return wrapper


ninja_patterns, ninja_app, ninja_namespace = api.urls
for pattern in ninja_patterns:
    if isinstance(pattern, URLPattern):
        pattern.callback = _json_405(pattern.callback)

urlpatterns = [
    path("docs/", views.docs, name="jiyue_api_docs"),
    path("", (ninja_patterns, ninja_app, ninja_namespace)),
    path("<path:rest>", views.not_found, name="jiyue_api_not_found"),
]
