"""`python manage.py generate_annual_report --org 长河市教育局 --year 2025 [--figures f.json]
[--xlsx out.xlsx] [--publish]`: count tables 二 and 三 from the records, optionally take the staff
figures from a JSON file (model field names → values, e.g. {"review_upheld": 2, "review_total": 2}),
run every cross-check, save the draft, and optionally export XLSX and publish. Any failure exits
non-zero with one Chinese line and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.reports.forms import FiguresForm
from cms.reports.generation import ReportError, check, find_organisation, generate, publish
from cms.reports.models import AnnualReport
from cms.reports.xlsx import workbook_bytes


class Command(BaseCommand):
    help = "生成政府信息公开工作年度报告（表二、表三自动统计，并执行勾稽校验）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="机构全称或统一社会信用代码")
        parser.add_argument("--year", required=True, help="报告年度，例如 2025")
        parser.add_argument("--figures", help="人工填报数据 JSON 文件（字段名 → 数值）")
        parser.add_argument("--xlsx", help="导出 XLSX 的文件路径")
        parser.add_argument("--publish", action="store_true", help="校验通过后发布到公开年报栏目")

    def handle(self, *args, **options) -> None:
        try:
            year = int(str(options["year"]).strip())
        except ValueError:
            raise CommandError(f"报告年度应为四位数字年份，收到的是“{options['year']}”") from None
        figures = self.read_figures(options["figures"]) if options["figures"] else None
        try:
            organisation = find_organisation(options["org"])
            with transaction.atomic():
                report = generate(organisation, year, enforce_checks=figures is None)
                if figures is not None:
                    report = self.apply_figures(report, figures)
                    if errors := check(report):
                        raise ReportError(errors)
                if options["publish"]:
                    publish(report)
                    report.refresh_from_db()
        except ReportError as error:
            raise CommandError("；".join(error.messages)) from None
        if options["xlsx"]:
            try:
                Path(options["xlsx"]).write_bytes(workbook_bytes(report))
            except OSError as error:
                raise CommandError(
                    f"无法写入 XLSX 文件“{options['xlsx']}”：{error.strerror}"
                ) from None
        self.stdout.write(f"{report.title}：{report.get_status_display()}，校验通过")

    def read_figures(self, path: str) -> dict:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"无法读取人工填报数据文件“{path}”：{error.strerror}") from None
        except ValueError:
            raise CommandError(f"人工填报数据文件“{path}”不是有效的 JSON") from None
        if not isinstance(data, dict):
            raise CommandError(f"人工填报数据文件“{path}”应为“字段名: 数值”的 JSON 对象")
        return data

    def apply_figures(self, report: AnnualReport, figures: dict) -> AnnualReport:
        if report.is_published:
            raise ReportError([f"{report.title}已发布，数据已固定；如需修改，请先在后台撤回为草稿"])
        form = FiguresForm(figures, instance=report)
        if form.unknown_fields:
            raise ReportError([f"人工填报数据含有未知字段：{'、'.join(form.unknown_fields)}"])
        if not form.is_valid():
            raise ReportError([m for errors in form.errors.values() for m in errors])
        return form.save()
