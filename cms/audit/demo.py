"""Demo data of the audit: today's snapshot is recorded and the daily run is scheduled. The demo
cluster's one vetoed site is 白鹭县, whose message board holds a message unanswered for more than
three months (cms.interaction.demo, 检查指标 单项否决 互动回应差); the other sites are clean.
Idempotent."""

from __future__ import annotations

import datetime as dt


def build_demo(*, today: dt.date, stdout) -> dict[str, int]:
    from cms.audit.history import run_and_record
    from cms.audit.tasks import ensure_scheduled

    result = run_and_record(today=today)
    ensure_scheduled()
    vetoed = [s.site.name for s in result.sites if s.veto]
    stdout.write(f"  检查评估：{len(vetoed)} 个网站单项否决（{'、'.join(vetoed) or '无'}）\n")
    return {"audit_sites": len(result.sites), "audit_vetoed": len(vetoed)}
