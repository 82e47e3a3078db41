"""What a remote platform's answer means for a delivery (STANDARDS.md §6), shared by the WeChat
and Weibo clients: every failure is a `RemoteError` of one `Failure` kind, and the outbox decides
from the kind alone whether to retry, refresh the token, park the account or give up."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import requests
from django.conf import settings


class Failure(StrEnum):
    RETRY = "retry"  # busy (-1), 5xx, timeouts, rate limits: back off and try again
    TOKEN = "token"  # WeChat 40001/42001: refresh the token once
    QUOTA = "quota"  # WeChat 45009: park the account until tomorrow
    AUTH = "auth"  # Weibo 21315/21327: the owner must re-authorise
    DUPLICATE = "duplicate"  # Weibo 20017/20019: the same text is already posted
    CONTENT = "content"  # anything else: never retried


class RemoteError(Exception):
    def __init__(self, kind: Failure, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.kind = kind
        self.code = code
        self.message = message


def timeout() -> float:
    return float(getattr(settings, "JIYUE_NEWMEDIA_HTTP_TIMEOUT", 10))


def post(url: str, **kwargs: Any) -> requests.Response:
    """POST with the configured timeout; network trouble is a retryable failure."""
    try:
        response = requests.post(url, timeout=timeout(), **kwargs)
    except requests.Timeout as exc:
        raise RemoteError(Failure.RETRY, "timeout", f"请求超时：{url}") from exc
    except requests.RequestException as exc:
        raise RemoteError(Failure.RETRY, "network", f"网络错误：{exc.__class__.__name__}") from exc
    if response.status_code >= 500:
        raise RemoteError(Failure.RETRY, f"http{response.status_code}", "平台服务器错误")
    return response


def json_of(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise RemoteError(
            Failure.RETRY, f"http{response.status_code}", "平台返回了无法解析的内容"
        ) from exc
    if not isinstance(data, dict):
        raise RemoteError(Failure.RETRY, "format", "平台返回了无法解析的内容")
    return data
