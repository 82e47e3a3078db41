"""Full static publish of a generated big cluster (issue 14: "a full publish of a generated
100-site, 100,000-page cluster (pages/s)"): builds the cluster (fixtures.bulk) into its own
SQLite file once — reused on later runs of the same size — then times
`manage.py publish_static --all --output <fresh dir>` and prints pages/s, pages, sites, seconds.

    python benchmarks/static_full_publish.py [--sites 100] [--pages 1000] [--jobs 1]
        [--runs 1] [--data-dir /work/bench/bulk]

`--pages` is the number of articles per site; the published URLs also count each site's home,
columns, catalogue and sitemaps. Each run publishes into an empty folder (every file written).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("JIYUE_BENCH_DATA", ROOT / "benchmarks" / ".data"))
TODAY = "2026-11-20"


def environment(database: Path, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DJANGO_DEBUG="0",
        JIYUE_LOG_LEVEL="ERROR",
        MEDIA_ROOT=str(data_dir / "media"),
    )
    return env


def build(database: Path, env: dict[str, str], sites: int, pages: int) -> None:
    """Generate the cluster into `database` (under a temporary name, renamed when complete, so
    an interrupted build is never reused)."""
    partial = database.with_name(database.name + ".building")
    for leftover in database.parent.glob(partial.name + "*"):
        leftover.unlink()
    env = {**env, "DATABASE_URL": f"sqlite:///{partial}"}
    started = time.perf_counter()
    print(f"生成站群：{sites} 个网站，每站 {pages} 篇文章…", flush=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    script = (
        "import datetime as dt, django; django.setup();"
        "from fixtures.bulk import build_bulk_cluster;"
        f"build_bulk_cluster(sites={sites}, articles_per_site={pages},"
        f" today=dt.date.fromisoformat('{TODAY}'))"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT)
    # Fold the WAL into the file before it is renamed.
    import sqlite3

    connection = sqlite3.connect(partial)
    try:
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    partial.rename(database)
    print(f"生成完成，用时 {time.perf_counter() - started:.0f} 秒：{database}", flush=True)


def publish(env: dict[str, str], jobs: int) -> tuple[int, float, float]:
    """One `publish_static --all` into an empty folder: (files written, seconds, CPU seconds
    of the command and its workers — the fairer figure on a machine shared with others)."""
    output = Path(tempfile.mkdtemp(prefix="jiyue-full-publish-"))
    command = [sys.executable, str(ROOT / "manage.py"), "publish_static", "--all"]
    command += ["--output", str(output), "--verbosity", "0"]
    if jobs != 1:
        command += ["--jobs", str(jobs)]
    try:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
    finally:
        shutil.rmtree(output, ignore_errors=True)
    if result.returncode:
        sys.exit(f"publish_static 失败：{result.stderr.strip() or result.stdout.strip()}")
    written = re.search(r"写入 (\d+) 个文件", result.stdout)
    if written is None:
        sys.exit(f"无法读取 publish_static 的输出：{result.stdout.strip()}")
    return int(written.group(1)), elapsed, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--pages", type=int, default=1000, help="每个网站的文章数")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--build-only", action="store_true", help="只生成站群，不发布")
    args = parser.parse_args()
    if args.sites < 1 or args.pages < 1 or args.runs < 1 or args.jobs < 1:
        parser.error("--sites、--pages、--runs、--jobs 必须为正整数")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    database = args.data_dir / f"cluster-{args.sites}x{args.pages}.sqlite3"
    env = environment(database, args.data_dir)
    if not database.exists():
        build(database, env, args.sites, args.pages)
    if args.build_only:
        return
    figures = [publish(env, args.jobs) for _ in range(args.runs)]
    seconds = statistics.median(elapsed for _written, elapsed, _cpu in figures)
    cpu = statistics.median(cpu for _written, _elapsed, cpu in figures)
    files = figures[0][0]
    print(
        f"全量静态发布（{args.sites} 个网站，{files} 个页面，--jobs {args.jobs}，"
        f"{args.runs} 次取中位数）：{seconds:.1f} 秒，{files / seconds:.1f} 页/秒"
        f"（CPU {cpu:.1f} 秒，每页 {cpu / files * 1000:.1f} 毫秒 CPU）"
    )


if __name__ == "__main__":
    main()
