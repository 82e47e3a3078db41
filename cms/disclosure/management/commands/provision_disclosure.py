"""`manage.py provision_disclosure [--site HOST]`: add the disclosure platform's category columns
and guide pages to existing sites (new sites receive them from create_site)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cms.disclosure.provisioning import provision_disclosure_platform
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "为已有网站补建法定主动公开内容类别栏目和公开指南、公开制度页面。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", help="只处理该域名的网站；省略时处理全部网站。")

    def handle(self, *args, **options) -> None:
        profiles = SiteProfile.objects.select_related("site__root_page")
        if options["site"]:
            profiles = profiles.filter(site__hostname=options["site"].strip().lower())
            if not profiles.exists():
                raise CommandError(f"网站“{options['site']}”不存在。")
        for profile in profiles:
            created = provision_disclosure_platform(profile)
            self.stdout.write(f"{profile.canonical_name}：新建 {created} 个栏目/页面")
