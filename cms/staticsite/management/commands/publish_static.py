"""`python manage.py publish_static [--site HOST] [--all] [--output DIR] [--jobs N]`: render
every public page of one site or of the whole cluster to the static tree (cms.staticsite.tree),
with the site assets, then push it to JIYUE_STATIC_RSYNC_TARGET when that is set.

The files of a full publication are written without an fsync each and flushed to disk once at
the end (`tree.sync`): a reader still never sees half a file (every file is renamed into place),
and a publication interrupted by a power failure is simply run again."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from tqdm import tqdm
from wagtail.models import Site

from cms.staticsite import publishing, tree
from cms.staticsite.dependents import Url

# URLs a worker renders per task: small enough for a smooth progress bar and an even share
# between processes, large enough that handing them out costs nothing.
CHUNK = 100


def _publish_chunk(urls: list[Url], root: Path) -> publishing.Outcome:
    return publishing.apply(urls, publishing.sites_by_id(), root, durable=False)


class Command(BaseCommand):
    help = "把网站的公开页面发布为静态文件（每个域名一个目录）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", metavar="HOST", help="只发布该域名的网站")
        parser.add_argument("--all", action="store_true", help="发布站群的全部网站")
        parser.add_argument("--output", metavar="DIR", help="输出目录（默认 JIYUE_STATIC_ROOT）")
        parser.add_argument(
            "--jobs", type=int, default=1, metavar="N", help="并行生成的进程数（默认 1）"
        )

    def handle(self, *args, **options) -> None:
        jobs = options["jobs"]
        if jobs < 1:
            raise CommandError("--jobs 必须是正整数。")
        sites = self._sites(options["site"], options["all"])
        root = self._root(options["output"])
        urls = [(site.pk, path) for site in sites for path in publishing.site_paths(site)]
        progress = tqdm(
            total=len(urls),
            unit="页",
            desc="静态发布",
            file=sys.stderr,
            disable=options["verbosity"] == 0,
        )
        totals = publishing.Outcome()
        try:
            for count, outcome in self._render(urls, root, jobs):
                totals.written += outcome.written
                totals.unchanged += outcome.unchanged
                totals.removed += outcome.removed
                totals.errors += outcome.errors
                totals.kept |= outcome.kept
                progress.update(count)
            if not totals.errors:
                for site in sites:
                    totals.removed += publishing.remove_stale(site, root, totals.kept)
            assets = publishing.publish_assets(root)
            tree.sync()
        finally:
            progress.close()
        if totals.errors:
            raise CommandError(f"有 {len(totals.errors)} 个页面生成失败，首个：{totals.errors[0]}")
        try:
            publishing.push(root)
        except Exception as error:
            raise CommandError(f"推送到 JIYUE_STATIC_RSYNC_TARGET 失败：{error}") from error
        self.stdout.write(
            f"已发布 {len(sites)} 个网站到 {root}：写入 {totals.written} 个文件，"
            f"未变 {totals.unchanged} 个，删除 {totals.removed} 个，静态资源 {assets} 个。"
        )

    def _render(
        self, urls: list[Url], root: Path, jobs: int
    ) -> Iterator[tuple[int, publishing.Outcome]]:
        """(URLs done, their outcome) a chunk at a time, rendered here or by `jobs` forked
        processes, each taking the next chunk when it is free."""
        chunks = [urls[start : start + CHUNK] for start in range(0, len(urls), CHUNK)]
        if jobs == 1 or len(chunks) == 1:
            for chunk in chunks:
                yield len(chunk), _publish_chunk(chunk, root)
            return
        # Forked workers start with the apps loaded; none may reuse the parent's connections.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            outcomes = pool.map(_publish_chunk, chunks, [root] * len(chunks))
            yield from zip((len(chunk) for chunk in chunks), outcomes, strict=True)

    def _sites(self, host: str | None, everything: bool) -> list[Site]:
        if host and everything:
            raise CommandError("--site 与 --all 只能选择一个。")
        if not host and not everything:
            raise CommandError("请用 --site 域名 指定网站，或用 --all 发布全部网站。")
        sites = Site.objects.select_related("root_page").order_by("hostname", "port")
        if everything:
            return list(sites)
        hostname = host.strip().lower().split(":")[0]
        found = list(sites.filter(hostname=hostname))
        if not found:
            raise CommandError(f"未找到域名为 {host} 的网站。")
        return found

    def _root(self, output: str | None) -> Path:
        root = Path(output) if output else tree.static_root()
        if root.exists() and not root.is_dir():
            raise CommandError(f"输出位置 {root} 不是目录。")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"无法创建输出目录 {root}：{error.strerror}") from error
        return root.resolve()
