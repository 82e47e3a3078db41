"""`manage.py generate_site_report --site HOST --year Y [--publish]`: create or refresh the site's
政府网站工作年度报表 draft from platform data (staff complete the rest in the admin), print it,
and with --publish publish it in the site's 政务公开 column. Errors exit non-zero with one line."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.reports.generation import ReportError
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "根据平台数据生成（或刷新）网站的政府网站工作年度报表草稿，可选直接发布。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", required=True, help="网站主机名，例如 anning.localhost")
        parser.add_argument("--year", required=True, type=int, help="报表年度，例如 2025")
        parser.add_argument("--publish", action="store_true", help="生成后发布到“政务公开”栏目")

    def handle(self, *args, **options) -> None:
        from cms.reports.site_generation import generate, publish

        host = options["site"].strip().lower()
        profile = (
            SiteProfile.objects.select_related("site__root_page")
            .filter(site__hostname=host)
            .first()
        )
        if profile is None:
            raise CommandError(f"没有主机名为“{options['site']}”的网站。")
        try:
            report = generate(profile, options["year"])
            if options["publish"]:
                page = publish(report)
                report.refresh_from_db()
        except ReportError as error:
            raise CommandError("；".join(error.messages)) from error
        self.stdout.write(f"{report.title}（{report.get_status_display()}）")
        for heading, rows in report.sections():
            self.stdout.write(f"【{heading}】")
            for label, value in rows:
                self.stdout.write(f"  {label}：{value}")
        if options["publish"]:
            self.stdout.write(f"已发布：{page.full_url or page.url_path}")
