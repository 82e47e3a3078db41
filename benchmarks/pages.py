"""Page benchmark: serves the demo cluster with gunicorn (production settings, DEBUG off) on
loopback and prints requests/s, p50/p99 latency and SQL queries per page for the portal home, a
county home, a column list and an article. Run `make bench` (loads the demo cluster first)."""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pick_urls() -> dict[str, tuple[str, str]]:
    """Portal home, a county home, a column list and an article of the demo cluster."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from cms.pages.models import ArticlePage, ColumnPage
    from sites.models import SiteProfile

    county = SiteProfile.objects.select_related("site").filter(level="county").first()
    city = SiteProfile.objects.select_related("site").filter(level="city").first()
    if county is None or city is None:
        raise SystemExit("演示站群尚未加载：请先运行 python manage.py load_demo_cluster")
    column = ColumnPage.objects.descendant_of(county.site.root_page).get(slug="gzdt")
    article = ArticlePage.objects.live().child_of(column).order_by("-first_published_at").first()
    if article is None:
        raise SystemExit("演示站群中没有文章：请先运行 python manage.py load_demo_cluster")
    return {
        "portal home": (city.site.hostname, "/"),
        "county home": (county.site.hostname, "/"),
        "column list": (county.site.hostname, column.get_url_parts()[2]),
        "article": (county.site.hostname, article.get_url_parts()[2]),
    }


def count_queries(urls: dict[str, tuple[str, str]]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (host, path) in urls.items():
        client = Client(HTTP_HOST=host)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{name} {host}{path} 返回 {status}")
        counts[name] = len(queries)
    return counts


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": ".localhost,127.0.0.1",
        "JIYUE_SSL_REDIRECT": "0",
        "JIYUE_SECURE_COOKIES": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn 未能在 30 秒内启动")


def run_load(port: int, host: str, path: str, requests: int, concurrency: int):
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = requests // concurrency

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_thread):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    urls = pick_urls()
    queries = count_queries(urls)
    port = free_port()
    server = start_server(port, args.workers)
    try:
        print(f"gunicorn, {args.workers} workers, DEBUG off, {args.concurrency} concurrent "
              f"clients, {args.requests} requests per page (after 20 warm-up requests)")  # fmt: skip
        print(f"{'page':<12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>5} {'errors':>7}")
        for name, (host, path) in urls.items():
            run_load(port, host, path, 20, 1)
            result = run_load(port, host, path, args.requests, args.concurrency)
            print(f"{name:<12} {result['rps']:>8.1f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
                  f"{queries[name]:>5} {result['errors']:>7}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
