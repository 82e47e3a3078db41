"""A small threaded HTTP server on 127.0.0.1 (OS-chosen port) for fakes of external platforms:
subclasses map paths to handlers and may inject faults per path (`fail(path, *faults)`):
"timeout" (answer only after the client gave up, having done the work: the worst case),
"500" (an HTTP 500 without doing it), or a platform-specific error name."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import defaultdict, deque
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Request:
    def __init__(self, path: str, query: dict[str, str], headers: Any, body: bytes) -> None:
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self) -> dict[str, Any]:
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return {}

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body.decode()).items()}

    def files(self) -> dict[str, tuple[str, str, bytes]]:
        """multipart/form-data parts: {field: (filename, content type, bytes)}."""
        content_type = self.headers.get("Content-Type", "")
        if not content_type.startswith("multipart/"):
            return {}
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + self.body
        )
        parts = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            parts[name] = (
                part.get_filename() or "",
                part.get_content_type(),
                part.get_payload(decode=True) or b"",
            )
        return parts


class FakeServer:
    slow_seconds = 1.0

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.faults: dict[str, deque[str]] = defaultdict(deque)
        self.calls: dict[str, int] = defaultdict(int)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                query = {k: v[0] for k, v in urllib.parse.parse_qs(parsed.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(parsed.path, query, self.headers, self.rfile.read(length))
                status, payload = fake.dispatch(request)
                body = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, path: str, *faults: str) -> None:
        with self.lock:
            self.faults[path].extend(faults)

    def routes(self) -> dict[str, Any]:
        raise NotImplementedError

    def platform_fault(self, name: str) -> tuple[int, dict[str, Any]]:
        raise NotImplementedError

    def dispatch(self, request: Request) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls[request.path] += 1
            queue = self.faults.get(request.path)
            fault = queue.popleft() if queue else None
        if fault == "500":
            return 500, {"message": "internal error"}
        if fault not in (None, "timeout"):
            return self.platform_fault(fault)
        handler = self.routes().get(request.path)
        if handler is None:
            return 404, {"message": "not found"}
        with self.lock:
            result = handler(request)
        if fault == "timeout":
            time.sleep(self.slow_seconds)
        return result
