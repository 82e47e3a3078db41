"""A fake outside web server on 127.0.0.1 (port 0) for the external-link check: fixed answers by
path, and a record of how many requests were in flight at once per Host header."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeWeb(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, slow_seconds: float = 2.0, hold_seconds: float = 0.05) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.slow_seconds = slow_seconds
        self.hold_seconds = hold_seconds  # every answer waits this long, so overlaps are visible
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self.requests: list[tuple[str, str]] = []  # (method, path)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> FakeWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FakeWeb

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _answer(self, method: str) -> None:
        server = self.server
        host = self.headers.get("Host", "")
        with server.lock:
            server.requests.append((method, self.path))
            server.in_flight[host] += 1
            server.max_in_flight[host] = max(server.max_in_flight[host], server.in_flight[host])
        try:
            time.sleep(server.hold_seconds)
            path = self.path.split("?")[0]
            if path.startswith("/slow"):
                time.sleep(server.slow_seconds)
                status, location = 200, None
            elif path.startswith("/missing"):
                status, location = 404, None
            elif path.startswith("/error"):
                status, location = 500, None
            elif path.startswith("/loop"):
                status, location = 302, "/loop"
            elif path.startswith("/moved"):
                status, location = 301, "/ok/after-move"
            elif path.startswith("/nohead"):
                status, location = (405 if method == "HEAD" else 200), None
            else:
                status, location = 200, None
        finally:
            # Out of flight before the answer leaves: once the client has the answer it may send
            # its next request, and counting the answer still in flight would see an overlap
            # that the client never made.
            with server.lock:
                server.in_flight[host] -= 1
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (a port the OS just handed out and freed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
