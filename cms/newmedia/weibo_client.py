"""The Weibo client (STANDARDS.md §6): `POST /2/statuses/share.json` with the owner's OAuth token.
Weibo offers no delete through this interface, so a retracted post becomes a manual-removal task
(cms.newmedia.outbox). Base URL: the JIYUE_WEIBO_API_BASE setting."""

from __future__ import annotations

from django.conf import settings

from cms.newmedia import credentials
from cms.newmedia.models import Account
from cms.newmedia.remote import Failure, RemoteError, json_of, post

RATE_LIMITED = frozenset({10023, 10024})
DUPLICATE = frozenset({20017, 20019})
TOKEN_EXPIRED = frozenset({21315, 21327, 21332})


def api_base() -> str:
    return str(getattr(settings, "JIYUE_WEIBO_API_BASE", "https://api.weibo.com")).rstrip("/")


def classify(data: dict) -> None:
    code = data.get("error_code")
    if code in (None, 0):
        return
    message = str(data.get("error", ""))
    if code in RATE_LIMITED:
        raise RemoteError(Failure.RETRY, str(code), f"微博发送频率超限：{message}")
    if code in DUPLICATE:
        raise RemoteError(Failure.DUPLICATE, str(code), f"微博提示内容重复：{message}")
    if code in TOKEN_EXPIRED:
        raise RemoteError(
            Failure.AUTH, str(code), f"微博授权已过期，请账号负责人重新授权：{message}"
        )
    raise RemoteError(Failure.CONTENT, str(code), f"微博拒绝了请求：{message}")


class WeiboClient:
    def __init__(self, account: Account) -> None:
        self.account = account
        self.base = api_base()

    def share(self, text: str) -> dict:
        """Post `text`; returns Weibo's status (`idstr`, `user`)."""
        response = post(
            f"{self.base}/2/statuses/share.json",
            data={"access_token": credentials.secret_for(self.account), "status": text},
        )
        data = json_of(response)
        classify(data)
        if "idstr" not in data and "id" not in data:
            raise RemoteError(Failure.RETRY, "format", "微博返回内容缺少微博ID")
        return data

    def status_url(self, data: dict) -> str:
        uid = (data.get("user") or {}).get("idstr") or self.account.account_id
        return f"https://weibo.com/{uid}/{data.get('idstr') or data.get('id')}"
