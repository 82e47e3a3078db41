"""Findings and the punctuality register as rows, CSV, XLSX and JSON: one definition of the
columns, used by `audit_timeliness` and the scorecard's download buttons."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.conf import settings

from cms.audit.data import Finding, RegisterRow

FINDING_HEADERS = ("网站", "等级", "规则", "依据", "对象", "说明", "处理地址", "首次发现")
REGISTER_HEADERS = (
    "索引号",
    "名称",
    "发布机构",
    "成文日期",
    "发布日期",
    "用时（工作日）",
    "是否按时",
    "管理地址",
    "变更日期",
)


def absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def finding_row(
    finding: Finding, site_names: dict[int, str], first_seen: dt.date | None = None
) -> list[str]:
    return [
        site_names.get(finding.site_id, "平台") if finding.site_id else "平台",
        finding.severity.value,
        finding.rule.title,
        finding.rule.source,
        finding.title,
        finding.explanation,
        absolute(finding.admin_url),
        first_seen.isoformat() if first_seen else "",
    ]


def register_row(row: RegisterRow) -> list[str]:
    return [
        row.index_number,
        row.title,
        row.organisation,
        row.written_date.isoformat(),
        row.published_on.isoformat(),
        str(row.workdays),
        "按时" if row.on_time else "逾期",
        absolute(row.admin_url),
        row.changed_date.isoformat() if row.changed_date else "",
    ]


def finding_json(finding: Finding, site_names: dict[int, str]) -> dict:
    return {
        "site_id": finding.site_id,
        "site": site_names.get(finding.site_id) if finding.site_id else None,
        "severity": finding.severity.value,
        "rule": finding.rule.code,
        "rule_title": finding.rule.title,
        "source": finding.rule.source,
        "object_type": finding.object_type,
        "object_id": finding.object_id,
        "title": finding.title,
        "explanation": finding.explanation,
        "admin_url": absolute(finding.admin_url),
    }


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with BOM so that Excel on Chinese Windows opens it with the right encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
