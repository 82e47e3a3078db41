"""The WeChat Official Account client (STANDARDS.md §6): the stable token, cached one per account
in the database so every worker shares it; body image and thumb uploads; draft/add,
freepublish/submit, get, batchget and delete. Base URL: the JIYUE_WECHAT_API_BASE setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.newmedia import credentials
from cms.newmedia.models import AccessToken, Account
from cms.newmedia.remote import Failure, RemoteError, json_of, post

BUSY = -1
TOKEN_ERRORS = frozenset({40001, 42001, 40014})
QUOTA_EXHAUSTED = 45009
# Refresh a token this long before WeChat says it expires (clocks and in-flight requests).
TOKEN_MARGIN = dt.timedelta(minutes=5)

# freepublish/get publish_status (STANDARDS.md §6).
PUBLISHED = 0
PUBLISHING = 1
FAILED_STATUSES = frozenset({2, 3, 4})
REMOVED_STATUSES = frozenset({5, 6})


def api_base() -> str:
    return str(getattr(settings, "JIYUE_WECHAT_API_BASE", "https://api.weixin.qq.com")).rstrip("/")


def classify(data: dict[str, Any]) -> None:
    """Raise the RemoteError an errcode means; return for success (errcode 0 or absent)."""
    code = data.get("errcode", 0)
    if code in (0, None):
        return
    message = str(data.get("errmsg", ""))
    if code == BUSY:
        raise RemoteError(Failure.RETRY, str(code), f"微信系统繁忙：{message}")
    if code in TOKEN_ERRORS:
        raise RemoteError(Failure.TOKEN, str(code), f"access_token 无效或已过期：{message}")
    if code == QUOTA_EXHAUSTED:
        raise RemoteError(Failure.QUOTA, str(code), f"今日调用次数已用完：{message}")
    raise RemoteError(Failure.CONTENT, str(code), f"微信拒绝了请求：{message}")


class WeChatClient:
    def __init__(self, account: Account) -> None:
        self.account = account
        self.base = api_base()

    # -- token -----------------------------------------------------------------------------
    def token(self, *, force: bool = False) -> str:
        if not force:
            cached = AccessToken.objects.filter(
                account=self.account, expires_at__gt=timezone.now() + TOKEN_MARGIN
            ).first()
            if cached:
                return cached.token
        with transaction.atomic():
            # One worker fetches; the others wait on the lock and then read its token.
            Account.objects.select_for_update().filter(pk=self.account.pk).first()
            if not force:
                cached = AccessToken.objects.filter(
                    account=self.account, expires_at__gt=timezone.now() + TOKEN_MARGIN
                ).first()
                if cached:
                    return cached.token
            data = json_of(
                post(
                    f"{self.base}/cgi-bin/stable_token",
                    json={
                        "grant_type": "client_credential",
                        "appid": self.account.app_id,
                        "secret": credentials.secret_for(self.account),
                        "force_refresh": force,
                    },
                )
            )
            classify(data)
            token = str(data["access_token"])
            expires = timezone.now() + dt.timedelta(seconds=int(data.get("expires_in", 7200)))
            AccessToken.objects.update_or_create(
                account=self.account, defaults={"token": token, "expires_at": expires}
            )
            return token

    def call(self, path: str, *, params: dict | None = None, **kwargs: Any) -> dict[str, Any]:
        """POST `path` with the account's token; on 40001/42001 refresh it once and repeat."""
        for force in (False, True):
            query = {**(params or {}), "access_token": self.token(force=force)}
            data = json_of(post(f"{self.base}{path}", params=query, **kwargs))
            try:
                classify(data)
            except RemoteError as error:
                if error.kind == Failure.TOKEN and not force:
                    continue
                raise
            return data
        raise AssertionError("unreachable")

    # -- media -----------------------------------------------------------------------------
    def upload_image(self, data: bytes, filename: str, content_type: str) -> str:
        result = self.call(
            "/cgi-bin/media/uploadimg", files={"media": (filename, data, content_type)}
        )
        return str(result["url"])

    def add_thumb(self, data: bytes) -> str:
        result = self.call(
            "/cgi-bin/material/add_material",
            params={"type": "thumb"},
            files={"media": ("cover.jpg", data, "image/jpeg")},
        )
        return str(result["media_id"])

    # -- articles --------------------------------------------------------------------------
    def add_draft(self, article: dict[str, Any]) -> str:
        return str(self.call("/cgi-bin/draft/add", json={"articles": [article]})["media_id"])

    def submit(self, media_id: str) -> str:
        return str(
            self.call("/cgi-bin/freepublish/submit", json={"media_id": media_id})["publish_id"]
        )

    def publish_status(self, publish_id: str) -> dict[str, Any]:
        return self.call("/cgi-bin/freepublish/get", json={"publish_id": publish_id})

    def published(self, offset: int = 0, count: int = 20) -> dict[str, Any]:
        return self.call(
            "/cgi-bin/freepublish/batchget",
            json={"offset": offset, "count": count, "no_content": 1},
        )

    def delete(self, article_id: str) -> None:
        self.call("/cgi-bin/freepublish/delete", json={"article_id": article_id, "index": 0})
