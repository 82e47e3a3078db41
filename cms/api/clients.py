"""Who is calling: an optional read token (`Authorization: Bearer <令牌>`), else the client IP,
and the per-client rate limit (a fixed window counted in Django's cache) keyed by it.

Settings: JIYUE_API_RATE_WINDOW (seconds), JIYUE_API_RATE_ANON (requests per window for a
client IP), JIYUE_API_RATE_TOKEN (per window for a token)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from cms.api.models import ApiToken, hash_token
from cms.requests.ratelimit import client_ip

# A token's "last used" is written at most this often, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class ApiClient:
    key: str  # rate-limit identity: "token:<id>" or "ip:<address>"
    token: ApiToken | None = None


class ClientAuth(HttpBearer):
    """Optional bearer token: no header is an anonymous client, a bad one is refused."""

    def __call__(self, request: HttpRequest) -> ApiClient:
        header = request.headers.get("Authorization")
        if not header:
            return ApiClient(key=f"ip:{client_ip(request)}")
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise HttpError(401, "令牌格式不正确，请使用“Authorization: Bearer <令牌>”。")
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient:
        row = ApiToken.objects.filter(key_hash=hash_token(token)).first()
        if row is None:
            raise HttpError(401, "令牌无效，请检查令牌是否完整。")
        if not row.is_active:
            raise HttpError(403, "该令牌已被撤销，请联系网站管理员重新签发。")
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return ApiClient(key=f"token:{row.pk}", token=row)


def rate_window() -> int:
    return max(1, int(getattr(settings, "JIYUE_API_RATE_WINDOW", 60)))


def rate_limit(client: ApiClient) -> int:
    if client.token is not None:
        return int(getattr(settings, "JIYUE_API_RATE_TOKEN", 1200))
    return int(getattr(settings, "JIYUE_API_RATE_ANON", 120))


class ClientThrottle(BaseThrottle):
    """Fixed window per client; the 429 names the seconds until the window ends."""

    def allow_request(self, request: HttpRequest) -> bool:
        client = getattr(request, "auth", None)
        if not isinstance(client, ApiClient):
            client = ApiClient(key=f"ip:{client_ip(request)}")
        window = rate_window()
        now = time.time()
        slot = int(now // window)
        request._jiyue_api_retry_after = window - (now % window)  # type: ignore[attr-defined]
        key = f"jiyue:api:rate:{client.key}:{slot}"
        # add() is atomic: the first request of a window creates the counter with its expiry.
        if cache.add(key, 1, timeout=window + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, timeout=window + 1)
                count = 1
        return count <= rate_limit(client)

    def wait(self) -> float | None:
        return None


def retry_after(request: HttpRequest) -> int:
    return max(1, int(getattr(request, "_jiyue_api_retry_after", rate_window()) + 0.999))
