"""The outbound link checker's network side: given URLs, say which answer. Bounded concurrency (a
thread pool), a timeout per request, per-host politeness (at most N requests in flight per host and
a minimum delay between request starts to the same host), HEAD falling back to GET, redirects
followed up to a limit. Knows nothing of pages or findings (cms.audit.external_links does).

Every number is a setting (JIYUE_LINKCHECK_*), read once per run into `CheckOptions`."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "Jiyue-LinkCheck/1.0 (+government website inspection self-check)"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# A HEAD answered with one of these is asked again with GET: many servers refuse or mishandle HEAD.
HEAD_RETRY_WITH_GET = frozenset({400, 403, 404, 405, 501})


@dataclass(frozen=True)
class CheckOptions:
    workers: int = 8
    per_host: int = 2
    host_delay: float = 1.0  # seconds between request starts to the same host
    timeout: float = 10.0
    max_redirects: int = 5

    @classmethod
    def from_settings(cls) -> CheckOptions:
        default = cls()
        return cls(
            workers=max(1, int(getattr(settings, "JIYUE_LINKCHECK_WORKERS", default.workers))),
            per_host=max(1, int(getattr(settings, "JIYUE_LINKCHECK_PER_HOST", default.per_host))),
            host_delay=max(
                0.0, float(getattr(settings, "JIYUE_LINKCHECK_HOST_DELAY", default.host_delay))
            ),
            timeout=float(getattr(settings, "JIYUE_LINKCHECK_TIMEOUT", default.timeout)),
            max_redirects=int(
                getattr(settings, "JIYUE_LINKCHECK_MAX_REDIRECTS", default.max_redirects)
            ),
        )


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    error: str = ""  # Chinese, for the finding; empty when ok
    final_url: str = ""


class HostGate:
    """Per-host politeness: a semaphore of `per_host` slots and a schedule of request starts at
    least `delay` apart. Shared by all worker threads of one run."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.Semaphore(self.per_host)
            return self._slots[host]

    def enter(self, host: str) -> None:
        self._slot(host).acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.delay
        if start > now:
            time.sleep(start - now)

    def leave(self, host: str) -> None:
        self._slots[host].release()


def _request(method: str, url: str, timeout: float) -> tuple[int, str | None]:
    """One request without following redirects: (status, Location header)."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            method,
            target,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"},
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def _error_text(error: BaseException) -> str:
    if isinstance(error, socket.gaierror):
        return "域名无法解析"
    if isinstance(error, TimeoutError | socket.timeout):
        return "连接超时"
    if isinstance(error, ConnectionRefusedError):
        return "连接被拒绝"
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return "安全证书错误"
    if isinstance(error, ConnectionError | OSError):
        return "无法连接"
    if isinstance(error, http.client.HTTPException):
        return "服务器响应无效"
    return "无法访问"


def check_url(url: str, gate: HostGate, options: CheckOptions) -> LinkResult:
    """Follow `url` through at most `max_redirects` redirects; HEAD first, GET when HEAD fails."""
    current = url
    for _hop in range(options.max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return LinkResult(url, False, None, "链接地址无效", current)
        host = parts.hostname.lower()
        gate.enter(host)
        try:
            try:
                status, location = _request("HEAD", current, options.timeout)
                if status in HEAD_RETRY_WITH_GET:
                    status, location = _request("GET", current, options.timeout)
            except (http.client.HTTPException, ConnectionResetError):
                # The server dropped a HEAD it does not understand: ask again with GET.
                status, location = _request("GET", current, options.timeout)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return LinkResult(url, False, None, _error_text(error), current)
        finally:
            gate.leave(host)
        if status in REDIRECT_CODES and location:
            current = urljoin(current, location)
            continue
        if status >= 400:
            return LinkResult(url, False, status, f"返回 HTTP {status}", current)
        return LinkResult(url, True, status, "", current)
    return LinkResult(url, False, None, f"重定向超过{options.max_redirects}次", current)


def check_urls(urls: Iterable[str], options: CheckOptions | None = None) -> dict[str, LinkResult]:
    """Check each distinct URL once, `options.workers` at a time."""
    options = options or CheckOptions.from_settings()
    unique = list(dict.fromkeys(urls))
    gate = HostGate(options.per_host, options.host_delay)
    with ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="linkcheck") as pool:
        results = pool.map(lambda u: check_url(u, gate, options), unique)
        return {result.url: result for result in results}
