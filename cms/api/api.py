"""The app API under /api/v1/ (django-ninja): the NinjaAPI with its JSON errors in Chinese,
ETags and 304s, the optional token and the per-client rate limit. Endpoints are in
`endpoints.py` (lists, details, vocabularies) and `sync.py` (incremental sync)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer

from cms.api.clients import ClientAuth, ClientThrottle, retry_after
from cms.api.cursors import CursorError

logger = logging.getLogger(__name__)

DESCRIPTION = """集约政府网站集约化平台的开放接口：各网站的文章和主动公开信息（含索引号、文号、成文日期、
发布机构、主题分类、体裁、有效性等元数据），支持按网站、栏目、信息类别、机构、主题和日期筛选，游标分页，
以及增量同步（/changes/）：客户端保存 next_cursor，即可得到此后的全部新增、修改和删除（含撤稿、
撤销发布、不予公开），精确同步本地副本。

在哪个网站的域名下访问，默认返回该网站的内容；在市门户网站域名下访问返回全部网站的内容；用 site 参数
（网站标识码、域名或 all）可选择其他网站。令牌可选：`Authorization: Bearer <令牌>`，由网站管理员在
管理后台“开放接口令牌”中签发，持令牌的客户端享有更高的访问频率上限。响应带 ETag，可用 If-None-Match
条件请求（304）。错误以 JSON 返回，message 为中文说明。"""

STATUS_MESSAGES = {
    401: "需要有效的令牌。",
    403: "无权访问。",
    404: "未找到请求的内容。",
    405: "不支持该请求方法。",
    429: "请求过于频繁，请稍后再试。",
}


class ChineseJSONRenderer(JSONRenderer):
    # Chinese text as UTF-8 rather than \u escapes: readable in a browser and a third smaller.
    json_dumps_params = {"ensure_ascii": False}


class JiyueAPI(NinjaAPI):
    """NinjaAPI whose successful GET responses carry a strong ETag and answer If-None-Match
    with 304 (the tag is the hash of the exact body, so it changes whenever the data does)."""

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        response["Vary"] = "Authorization"
        if etag in _if_none_match(request):
            not_modified = HttpResponse(status=304)
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
        return response


def _if_none_match(request: HttpRequest) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    if header.strip() == "*":
        return {"*"} | {tag.strip() for tag in header.split(",")}
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


api = JiyueAPI(
    title="集约开放接口",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="jiyue_api",
    openapi_url="/schema/",
    docs_url=None,
    renderer=ChineseJSONRenderer(),
    auth=[ClientAuth()],
    throttle=[ClientThrottle()],
)


def error(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = []
    for item in exc.errors:
        location = [str(part) for part in item.get("loc", ())]
        fields.append(
            {
                "field": ".".join(location[1:]) or location[0] if location else "",
                "type": item.get("type", ""),
            }
        )
    names = "、".join(sorted({entry["field"] for entry in fields if entry["field"]})) or "请求"
    return error(request, 400, f"参数不正确：{names}。请检查参数的取值和格式。", errors=fields)


@api.exception_handler(CursorError)
def on_cursor_error(request: HttpRequest, exc: CursorError) -> HttpResponse:
    return error(request, 400, str(exc))


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = retry_after(request)
    response = error(request, 429, f"请求过于频繁，请在{seconds}秒后再试。")
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, 401, STATUS_MESSAGES[401])


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = exc.message if _is_chinese(exc.message) else STATUS_MESSAGES.get(exc.status_code)
    return error(request, exc.status_code, message or "请求无法处理。")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, STATUS_MESSAGES[404])


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A bug, not bad input: logged with its traceback; the app still receives JSON.
    logger.exception("API error on %s", request.get_full_path())
    return error(request, 500, "服务器内部错误，请稍后再试。")


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


from cms.api import endpoints, sync  # noqa: E402,F401  (registers the operations)
