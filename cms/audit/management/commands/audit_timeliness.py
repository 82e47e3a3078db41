"""`manage.py audit_timeliness`: run the inspection self-check for one site or the whole cluster,
print or write the findings, and exit non-zero when the chosen level is reached (for CI/monitoring).
JSON goes to stdout alone; diagnostics go to stderr."""

from __future__ import annotations

import json
import sys
import warnings

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.audit import exports
from cms.audit.engine import AuditResult
from cms.audit.rules import Severity
from cms.workdays.calendar import MissingCalendarWarning
from sites.models import SiteProfile

FORMATS = ("table", "json", "csv", "xlsx")


class Command(BaseCommand):
    help = "检查网站内容时效性和检查指标（单项否决、扣分、提醒），可输出表格、JSON、CSV 或 XLSX。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="只检查该主机名的网站，例如 anning.localhost")
        parser.add_argument("--format", choices=FORMATS, default="table")
        parser.add_argument(
            "--fail-on",
            choices=("veto", "warning"),
            help="veto：存在否决项时退出码非零；warning：存在任何发现项时退出码非零",
        )
        parser.add_argument("--output", help="写入文件（xlsx 格式必须指定）")
        parser.add_argument(
            "--no-render",
            action="store_true",
            help="不渲染页面检查元数据和页脚标识（更快）",
        )
        parser.add_argument(
            "--record", action="store_true", help="同时保存为今天的检查记录（计划任务也会保存）"
        )

    def handle(self, *args, **options) -> None:
        from cms.audit.engine import run_audit
        from cms.audit.history import record
        from cms.audit.tasks import ensure_scheduled

        fmt = options["format"]
        if fmt == "xlsx" and not options["output"]:
            raise CommandError("xlsx 格式须用 --output 指定输出文件。")
        profiles = None
        if options["site"]:
            profile = (
                SiteProfile.objects.select_related("site__root_page")
                .filter(site__hostname=options["site"].strip().lower())
                .first()
            )
            if profile is None:
                raise CommandError(f"没有主机名为“{options['site']}”的网站。")
            profiles = [profile]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MissingCalendarWarning)
            result = run_audit(profiles, with_chain=True, rendered=not options["no_render"])
        for message in sorted({str(w.message) for w in caught}):
            self.stderr.write(f"提示：{message}")
        if options["record"]:
            record(result)
        try:
            ensure_scheduled()
        except Exception as error:
            self.stderr.write(f"提示：未能安排每日检查任务：{error}")

        names = {s.site.id: s.site.name for s in result.sites}
        findings = result.all_findings()
        data = self.render(result, fmt, names)
        if options["output"]:
            mode = "wb" if isinstance(data, bytes) else "w"
            with open(
                options["output"], mode, **({} if mode == "wb" else {"encoding": "utf-8"})
            ) as fh:
                fh.write(data)
            self.stderr.write(f"已写入 {options['output']}（{len(findings)} 项发现）")
        elif isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            self.stdout.write(data, ending="" if data.endswith("\n") else "\n")
        if options["fail_on"] and result.reaches(options["fail_on"]):
            level = "否决项" if options["fail_on"] == "veto" else "发现项"
            raise CommandError(f"检查未通过：存在{level}。", returncode=2)

    def render(self, result: AuditResult, fmt: str, names: dict[int, str]) -> str | bytes:
        findings = result.all_findings()
        if fmt == "json":
            payload = {
                "date": result.today.isoformat(),
                "publication_log_verified": result.chain_ok,
                "sites": [
                    {
                        "id": s.site.id,
                        "name": s.site.name,
                        "hostname": s.site.hostname,
                        "veto": s.veto,
                        "score": s.score,
                        "punctuality": s.punctuality,
                        "on_time": s.on_time,
                        "late": s.late,
                    }
                    for s in result.sites
                ],
                "findings": [exports.finding_json(f, names) for f in findings],
            }
            return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        rows = [exports.finding_row(f, names) for f in findings]
        if fmt == "csv":
            return exports.to_csv(exports.FINDING_HEADERS, rows).decode("utf-8")
        if fmt == "xlsx":
            return exports.to_xlsx("检查发现", exports.FINDING_HEADERS, rows)
        lines = [f"检查日期：{result.today:%Y-%m-%d}"]
        if result.chain_ok is not None:
            lines.append(f"发布记录链校验：{'通过' if result.chain_ok else '未通过'}")
        for s in result.sites:
            status = "单项否决" if s.veto else "未触发否决"
            rate = f"{s.punctuality}%" if s.punctuality is not None else "—"
            lines.append(
                f"{s.site.name}（{s.site.hostname}）：{status}，得分{s.score}，"
                f"否决{s.count(Severity.VETO)} 扣分{s.count(Severity.DEDUCTION)} "
                f"提醒{s.count(Severity.WARNING)}，按时公开率{rate}"
            )
        lines.append("")
        for f in findings:
            site = names.get(f.site_id, "平台") if f.site_id else "平台"
            lines.append(f"[{f.severity.value}] {site}｜{f.rule.title}｜{f.title}｜{f.explanation}")
        return "\n".join(lines) + "\n"
