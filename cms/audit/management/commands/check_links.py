"""`manage.py check_links [--site HOST]`: check the outbound links of published pages (bounded
concurrency, timeouts, per-host politeness; cms.audit.linkcheck) and store the results, which the
daily audit turns into findings. The worker also runs this weekly (cms.audit.tasks)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sites.models import SiteProfile


class Command(BaseCommand):
    help = "检查已发布页面中的外部链接是否可以访问，并保存结果供检查评估使用。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="只检查该主机名的网站，例如 anning.localhost")

    def handle(self, *args, **options) -> None:
        from cms.audit.external_links import run_check
        from cms.audit.tasks import ensure_scheduled

        profiles = list(SiteProfile.objects.select_related("site__root_page"))
        if options["site"]:
            host = options["site"].strip().lower()
            profiles = [p for p in profiles if p.site.hostname == host]
            if not profiles:
                raise CommandError(f"没有主机名为“{options['site']}”的网站。")
        summary = run_check(profiles)
        try:
            ensure_scheduled()
        except Exception as error:
            self.stderr.write(f"提示：未能安排定期检查任务：{error}")
        self.stdout.write(
            f"检查了{summary.pages}个页面中的{summary.links}个外部链接，"
            f"无法访问的{len(summary.broken)}个。"
        )
        for page, result in summary.broken:
            self.stdout.write(
                f"  {page.title}（页面 {page.page_id}）：{result.url}　{result.error}"
            )
