"""`manage.py import_content FILE --site HOST [--allow-partial]`: import a legacy site's JSON Lines
export (docs/import-format.md) and print what was imported, skipped and rejected. Any rejected
record makes the command exit non-zero (the records that were good stay imported, each in its
own savepoint), unless `--allow-partial` accepts a partial import."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.disclosure.importing import import_lines
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "从 JSON Lines 文件导入旧网站的文章和公开信息（格式见 docs/import-format.md）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="JSON Lines 文件；附件路径相对于该文件所在目录。")
        parser.add_argument("--site", required=True, help="导入到的网站域名，例如 anning.localhost")
        parser.add_argument(
            "--allow-partial",
            action="store_true",
            help="有记录被拒绝时仍以成功状态退出（默认：有任何记录被拒绝即以非零状态退出）。",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"导入文件“{path}”不存在。")
        host = options["site"].strip().lower()
        profile = (
            SiteProfile.objects.select_related("site__root_page", "collection")
            .filter(site__hostname=host)
            .first()
        )
        if profile is None:
            raise CommandError(f"网站“{host}”不存在。")
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取导入文件“{path}”：{error}") from error

        def progress(items):
            return tqdm(items, total=len(items), desc="导入", unit="条", file=self.stderr._out)

        report = import_lines(lines, profile, path.parent, progress=progress)
        self.stdout.write(f"导入完成：{profile.canonical_name}")
        self.stdout.write(f"  已导入 {len(report.imported)} 条")
        self.stdout.write(f"  已跳过（重复）{len(report.skipped)} 条")
        for label in report.skipped:
            self.stdout.write(f"    {label}：已导入过，跳过")
        self.stdout.write(f"  已拒绝 {len(report.rejected)} 条")
        for label, reason in report.rejected:
            self.stdout.write(f"    {label}：{reason}")
        if report.rejected and not options["allow_partial"]:
            raise CommandError(
                f"有 {len(report.rejected)} 条记录被拒绝（见上）；其余 {len(report.imported)} 条已导入。"
                "修正后重新运行即可（已导入的记录会跳过），或加 --allow-partial 接受部分导入。"
            )
