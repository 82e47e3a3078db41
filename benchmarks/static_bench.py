"""Static serving benchmark (issue 14 item 6): requests/s with wrk (8 connections, loopback) for
the portal home, a county home, a column list and an article of the demo cluster, side by side
in one run, each figure the median of three interleaved runs:

- saved:   nginx serving a saved copy of the page (plain config: the ceiling);
- static:  the same URL from the static tree through the config `nginx_config` generates
           (saved and static alternate in 1 s slices, so both see the same load);
- django:  the same URL rendered by Jiyue under gunicorn (2 workers, production settings, no
           cache: the chrome fragment cache is switched off);
- hello:   a Django hello world under the same gunicorn (the framework floor).

Prints static/saved (acceptance: ≥ 0.8) and static/django, and the nginx workers' CPU time per
request for saved and static (from /proc schedstat: on a shared machine it moves far less with
the others' load than requests/s, so it shows what the generated config itself costs). Needs nginx and wrk
(`bash scripts/ensure_nginx.sh`) and the demo cluster (`make bench` loads it). The tree is written
by `publish_static` (benchmarks/_static_tree.py). Both
nginx configs log no access (the same for both, so the ratio compares serving only)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 3
KINDS = ("saved", "static", "django")


def production_env() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": os.environ.get("DJANGO_ALLOWED_HOSTS", ".localhost,127.0.0.1"),
        "JIYUE_SSL_REDIRECT": "0",
        "JIYUE_SECURE_COOKIES": "0",
        "JIYUE_CHROME_CACHE_SECONDS": "0",  # Django with no cache
        "JIYUE_LOG_LEVEL": "ERROR",
    }


class Ports:
    """Consecutive ports from --port-base (a shared machine's own range), else free ones."""

    def __init__(self, base: int) -> None:
        self.next = base

    def take(self) -> int:
        if self.next:
            self.next += 1
            return self.next - 1
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


def wait_for(port: int, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} 未能在 {timeout:.0f} 秒内启动（端口 {port}）")


def pick_pages() -> dict[str, tuple[str, str]]:
    """Portal home, a county home, a column list and an article: the pages benchmarks/pages.py
    measures."""
    from benchmarks.pages import pick_urls

    return pick_urls()


def saved_config(saved: Path, runtime: Path, port: int) -> str:
    """The ceiling: plain nginx serving files, with the same worker, file-cache and logging
    settings as the generated config."""
    return f"""worker_processes auto;
pid {runtime}/nginx.pid;
error_log {runtime}/error.log warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 4096; }}
http {{
    types {{ text/html html; }}
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    open_file_cache max=10000 inactive=30s;
    open_file_cache_valid 5s;
    access_log off;
    client_body_temp_path {runtime}/client_body;
    proxy_temp_path {runtime}/proxy;
    fastcgi_temp_path {runtime}/fastcgi;
    uwsgi_temp_path {runtime}/uwsgi;
    scgi_temp_path {runtime}/scgi;
    server {{
        listen {port};
        root {saved};
    }}
}}
"""


def start_nginx(config: Path, runtime: Path, port: int) -> subprocess.Popen:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    args = [nginx, "-p", str(runtime), "-e", str(runtime / "error.log"), "-c", str(config)]
    subprocess.run([*args, "-t", "-q"], check=True)
    process = subprocess.Popen([*args, "-g", "daemon off;"])
    wait_for(port, "nginx")
    return process


def start_gunicorn(app: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", "--chdir", str(ROOT)],
        cwd=ROOT,
        env={**os.environ, **env},
    )  # fmt: skip
    wait_for(port, "gunicorn")
    return process


def nginx_cpu_ns(master: subprocess.Popen) -> int:
    """CPU time the nginx workers have used so far (ns, /proc/<pid>/schedstat). Per request it
    varies far less with the machine's other load than requests/s does."""
    workers = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
    ).stdout.split()
    total = 0
    for pid in workers:
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    return total


def wrk(port: int, host: str, path: str, seconds: int, connections: int) -> tuple[float, int]:
    """Requests/s and non-2xx responses of one wrk run."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", f"Host: {host}",
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rps = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    if rps is None:
        raise SystemExit(f"wrk 输出无法解析：{result.stdout}")
    return float(rps.group(1)), int(bad.group(1)) if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port-base", type=int, default=0, help="first of 5 ports (0: any)")
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            raise SystemExit(f"缺少 {tool}：请先运行 bash scripts/ensure_nginx.sh")

    env = production_env()
    os.environ.update(env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks._static_tree import build_tree, tree_file

    pages = pick_pages()
    work = Path(tempfile.mkdtemp(prefix="jiyue-static-bench-"))
    os.chmod(work, 0o755)
    tree, saved, runtime_static, runtime_saved = (
        work / "tree", work / "saved", work / "run-static", work / "run-saved"
    )  # fmt: skip
    for directory in (saved, runtime_saved):
        directory.mkdir(parents=True)
    writer = build_tree(tree, pages.values())
    for name, (host, path) in pages.items():
        shutil.copyfile(tree_file(tree, host, path), saved / f"{name.replace(' ', '-')}.html")

    ports = Ports(args.port_base)
    port_saved, port_static, port_django, port_hello = (ports.take() for _ in range(4))
    (work / "saved.conf").write_text(saved_config(saved, runtime_saved, port_saved))
    nginx_args = ["--output", str(work / "static.conf"), "--root", str(tree),
                  "--runtime-dir", str(runtime_static), "--listen", str(port_static),
                  "--upstream", f"127.0.0.1:{port_django}", "--access-log", "off"]  # fmt: skip
    if os.geteuid() == 0:
        nginx_args += ["--user", "root"]
    call_command("nginx_config", *nginx_args, stdout=open(os.devnull, "w"))  # noqa: SIM115

    processes = []
    try:
        masters = {
            "saved": start_nginx(work / "saved.conf", runtime_saved, port_saved),
            "static": start_nginx(work / "static.conf", runtime_static, port_static),
        }
        processes.extend(masters.values())
        processes.append(start_gunicorn("cms.wsgi:application", port_django, args.workers, env))
        processes.append(
            start_gunicorn("benchmarks._hello:application", port_hello, args.workers, {})
        )
        targets = {
            (name, kind): (
                {"saved": port_saved, "static": port_static, "django": port_django}[kind],
                host,
                f"/{name.replace(' ', '-')}.html" if kind == "saved" else path,
            )
            for name, (host, path) in pages.items()
            for kind in KINDS
        }
        targets[("hello world", "django")] = (port_hello, "127.0.0.1", "/")
        figures: dict[tuple[str, str], list[float]] = {key: [] for key in targets}
        errors = dict.fromkeys(targets, 0)
        # (nginx CPU ns, requests/s) of each 1 s slice, for the CPU time per request.
        cpu: dict[tuple[str, str], list[tuple[int, float]]] = {
            (name, kind): [] for name in pages for kind in ("saved", "static")
        }
        for port, host, path in targets.values():  # warm-up: caches, workers, page cache
            wrk(port, host, path, 1, args.connections)
        started = time.monotonic()
        for _ in range(RUNS):
            for key, (port, host, path) in targets.items():
                if key[1] == "saved":
                    continue
                if key[1] == "static":
                    # Saved copy and tree in alternating 1 s slices: on a shared machine the
                    # load of others drifts within seconds, and both should see the same drift.
                    saved_port, saved_host, saved_path = targets[(key[0], "saved")]
                    totals = {"saved": 0.0, "static": 0.0}
                    for _slice in range(args.seconds):
                        for kind, (p, h, u) in (
                            ("saved", (saved_port, saved_host, saved_path)),
                            ("static", (port, host, path)),
                        ):
                            before = nginx_cpu_ns(masters[kind])
                            rps, bad = wrk(p, h, u, 1, args.connections)
                            cpu[(key[0], kind)].append((nginx_cpu_ns(masters[kind]) - before, rps))
                            totals[kind] += rps
                            errors[(key[0], kind)] += bad
                    for kind, total in totals.items():
                        figures[(key[0], kind)].append(total / args.seconds)
                    continue
                rps, bad = wrk(port, host, path, args.seconds, args.connections)
                figures[key].append(rps)
                errors[key] += bad
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)

    def median(key: tuple[str, str]) -> float:
        return statistics.median(figures[key])

    def cpu_per_request(key: tuple[str, str]) -> float:
        """µs of nginx CPU per request, the median over the 1 s slices."""
        return statistics.median(ns / 1000 / rps for ns, rps in cpu[key] if rps)

    print(
        f"wrk, {args.connections} connections, loopback, {args.seconds} s per run, median of "
        f"{RUNS} interleaved runs ({elapsed:.0f} s); gunicorn {args.workers} workers, production "
        f"settings, no cache; tree written by {writer}"
    )
    print(f"{'page':<12} {'saved':>10} {'static':>10} {'django':>8} {'static/saved':>13} "
          f"{'static/django':>14} {'nginx µs/req saved / static':>28}")  # fmt: skip
    for name in pages:
        saved_rps, static_rps, django_rps = (median((name, kind)) for kind in KINDS)
        cpu_saved, cpu_static = (cpu_per_request((name, kind)) for kind in ("saved", "static"))
        print(f"{name:<12} {saved_rps:>10.0f} {static_rps:>10.0f} {django_rps:>8.1f} "
              f"{static_rps / saved_rps:>13.2f} {static_rps / django_rps:>13.0f}× "
              f"{cpu_saved:>17.1f} / {cpu_static:.1f}")  # fmt: skip
    print(f"{'hello world':<12} {'':>10} {'':>10} {median(('hello world', 'django')):>8.0f}")
    if any(errors.values()):
        print("non-2xx responses:", {f"{k[0]}/{k[1]}": v for k, v in errors.items() if v})
    worst = min(median((name, "static")) / median((name, "saved")) for name in pages)
    print(
        f"acceptance static/saved ≥ 0.8: {'met' if worst >= 0.8 else 'NOT met'} (lowest {worst:.2f})"
    )


if __name__ == "__main__":
    main()
