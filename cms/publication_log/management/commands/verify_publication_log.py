"""`python manage.py verify_publication_log [--export FILE.csv]`: recompute the publication log's
hash chain. Prints one line and exits 0 when it verifies; exits 1 naming the first broken entry
otherwise. `--export` also writes the chain with its verification note for an auditor."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.publication_log.chain import verify_chain
from cms.publication_log.export import csv_rows, write_csv
from cms.publication_log.models import PublicationEntry


class Command(BaseCommand):
    help = "核验发布记录哈希链；--export 同时导出全部记录及核验说明（CSV）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--export", metavar="FILE.csv", help="把全部发布记录及核验说明写入该 CSV 文件"
        )

    def handle(self, *args, export: str | None = None, **options) -> None:
        result = verify_chain()
        if export:
            path = Path(export)
            if not path.parent.is_dir():
                raise CommandError(f"导出目录“{path.parent}”不存在。")
            try:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    write_csv(
                        handle,
                        csv_rows(
                            PublicationEntry.objects.all(),
                            scope="全部网站（完整链）",
                            result=result,
                        ),
                    )
            except OSError as error:
                raise CommandError(f"无法写入“{path}”：{error.strerror}。") from error
            self.stderr.write(
                f"已导出 {PublicationEntry.objects.count()} 条记录及核验说明到 {path}"
            )
        if not result.ok:
            raise CommandError(f"发布记录链核验未通过：{result.reason}")
        self.stdout.write(result.reason)
