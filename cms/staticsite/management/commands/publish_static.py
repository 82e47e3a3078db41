"""`python manage.py publish_static [--site HOST] [--all] [--output DIR]`: render every public
page of one site or of the whole cluster to the static tree (cms.staticsite.tree), with the site
assets, then push it to JIYUE_STATIC_RSYNC_TARGET when that is set."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from cms.staticsite import publishing, tree


class Command(BaseCommand):
    help = "把网站的公开页面发布为静态文件（每个域名一个目录）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", metavar="HOST", help="只发布该域名的网站")
        parser.add_argument("--all", action="store_true", help="发布站群的全部网站")
        parser.add_argument("--output", metavar="DIR", help="输出目录（默认 JIYUE_STATIC_ROOT）")

    def handle(self, *args, **options) -> None:
        sites = self._sites(options["site"], options["all"])
        root = self._root(options["output"])
        paths = {site.pk: publishing.site_paths(site) for site in sites}
        progress = tqdm(
            total=sum(len(each) for each in paths.values()),
            unit="页",
            desc="静态发布",
            file=sys.stderr,
            disable=options["verbosity"] == 0,
        )
        totals = publishing.Outcome()
        try:
            for site in sites:
                outcome = publishing.publish_site(
                    site, root, paths=paths[site.pk], progress=progress
                )
                totals.written += outcome.written
                totals.unchanged += outcome.unchanged
                totals.removed += outcome.removed
                totals.errors += outcome.errors
            assets = publishing.publish_assets(root)
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
