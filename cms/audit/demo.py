"""Demo data of the audit: 白鹭县 opened a 专题专栏 with two special columns and never filled them,
a common real defect, which brings the site to five empty columns (检查指标 单项否决 栏目不更新（三）)
so the demo scorecard shows one vetoed site beside clean ones. Then today's snapshot is recorded
and the daily run is scheduled. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cms.pages.column_types import ColumnType

VETO_DEMO_HOST = "bailu.localhost"
SPECIAL_COLUMN = ("专题专栏", "ztzl", "集中发布本县重点工作专题。", "专题专栏")
SPECIAL_SUBCOLUMNS = (
    ("优化营商环境", "yhyshj", "优化营商环境专题。", "营商环境"),
    ("乡村振兴", "xczx", "乡村振兴专题。", "乡村振兴"),
)


def _column(parent, title: str, slug: str, description: str, keywords: str):
    from cms.pages.models import ColumnPage

    existing = ColumnPage.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    column = ColumnPage(
        title=title,
        slug=slug,
        column_type=ColumnType.NEWS,
        description=description,
        keywords=keywords,
        live=False,
    )
    parent.add_child(instance=column)
    column.save_revision().publish()
    return column, True


def build_demo(*, today: dt.date, stdout) -> dict[str, int]:
    from cms.audit.history import run_and_record
    from cms.audit.tasks import ensure_scheduled
    from sites.models import SiteProfile

    created = 0
    profile = (
        SiteProfile.objects.select_related("site__root_page")
        .filter(site__hostname=VETO_DEMO_HOST)
        .first()
    )
    if profile is not None:
        with transaction.atomic():
            parent, made = _column(profile.site.root_page, *SPECIAL_COLUMN)
            created += made
            for spec in SPECIAL_SUBCOLUMNS:
                created += _column(parent, *spec)[1]
    result = run_and_record(today=today)
    ensure_scheduled()
    vetoed = [s.site.name for s in result.sites if s.veto]
    stdout.write(f"  检查评估：{len(vetoed)} 个网站单项否决（{'、'.join(vetoed) or '无'}）\n")
    return {"audit_columns": created, "audit_sites": len(result.sites), "audit_vetoed": len(vetoed)}
