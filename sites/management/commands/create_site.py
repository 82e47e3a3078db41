"""`manage.py create_site`: open a new site of the cluster with the standard column tree."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sites.models import SiteLevel
from sites.provisioning import ProvisioningError, SiteSpec, create_site
from themes.registry import Theme


class Command(BaseCommand):
    help = "创建站群中的一个网站：站点、首页、标准栏目、编辑组与审核组、审核流程和站点信息。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--name", required=True, help="网站规范名称，如“安宁县人民政府门户网站”"
        )
        parser.add_argument("--hostname", required=True, help="域名，不含协议和端口")
        parser.add_argument("--code", required=True, help="网站标识码（10位）")
        parser.add_argument("--level", required=True, choices=SiteLevel.values, help="网站级别")
        parser.add_argument("--parent", default=None, help="上级网站域名（市级门户不填）")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--sponsor", default="", help="主办单位（默认由网站名称推出）")
        parser.add_argument("--organizer", default="", help="承办单位")
        parser.add_argument("--theme", default=Theme.GOV_RED, choices=Theme.values)
        parser.add_argument("--icp", default="", help="ICP备案号")
        parser.add_argument("--police", default="", help="公安机关备案号")
        parser.add_argument("--phone", default="", help="联系电话")
        parser.add_argument("--email", default="", help="联系邮箱")
        parser.add_argument("--address", default="", help="联系地址")

    def handle(self, *args, **options) -> None:
        spec = SiteSpec(
            name=options["name"],
            hostname=options["hostname"],
            code=options["code"],
            level=options["level"],
            parent_hostname=options["parent"],
            port=options["port"],
            sponsor=options["sponsor"],
            organizer=options["organizer"],
            theme=options["theme"],
            icp_number=options["icp"],
            police_number=options["police"],
            contact_phone=options["phone"],
            contact_email=options["email"],
            contact_address=options["address"],
        )
        try:
            profile = create_site(spec)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已创建网站“{profile.canonical_name}”：{profile.site.root_url}/"
                f"（编辑组“{profile.editors_group}”，审核组“{profile.moderators_group}”）"
            )
        )
