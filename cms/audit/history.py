"""Stores an audit result as today's snapshot per site and carries each open finding's first-seen
date over from the site's previous run (a finding that disappeared and came back starts again)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cms.audit.engine import AuditResult, SiteResult, run_audit
from cms.audit.models import AuditRun, FindingRecord
from cms.audit.rules import Severity


def first_seen_map(site_ids: list[int], before: dt.date) -> dict[int, dict[str, dt.date]]:
    """key → first-seen date from each site's latest run before `before` (two queries)."""
    latest: dict[int, int] = {}
    for run_id, site_id in (
        AuditRun.objects.filter(site_id__in=site_ids, run_date__lt=before)
        .order_by("site_id", "-run_date")
        .values_list("id", "site_id")
    ):
        latest.setdefault(site_id, run_id)
    seen: dict[int, dict[str, dt.date]] = {site_id: {} for site_id in site_ids}
    run_sites = {run_id: site_id for site_id, run_id in latest.items()}
    for run_id, key, first in FindingRecord.objects.filter(run_id__in=run_sites).values_list(
        "run_id", "key", "first_seen"
    ):
        seen[run_sites[run_id]][key] = first
    return seen


def record(result: AuditResult) -> list[AuditRun]:
    """Replace the snapshot of `result.today` for every site in the result."""
    site_ids = [s.site.id for s in result.sites]
    seen = first_seen_map(site_ids, result.today)
    runs: list[AuditRun] = []
    with transaction.atomic():
        AuditRun.objects.filter(site_id__in=site_ids, run_date=result.today).delete()
        for site_result in result.sites:
            runs.append(_run_row(site_result, result.today))
        AuditRun.objects.bulk_create(runs)
        runs = list(AuditRun.objects.filter(site_id__in=site_ids, run_date=result.today))
        by_site = {run.site_id: run for run in runs}
        FindingRecord.objects.bulk_create(
            (
                FindingRecord(
                    run=by_site[s.site.id],
                    key=f.key,
                    rule_code=f.rule.code,
                    severity=f.severity.value,
                    object_type=f.object_type,
                    object_id=f.object_id,
                    title=f.title[:300],
                    explanation=f.explanation,
                    admin_url=f.admin_url,
                    first_seen=seen[s.site.id].get(f.key, result.today),
                )
                for s in result.sites
                for f in s.findings
            ),
            batch_size=1000,
        )
    return runs


def _run_row(site: SiteResult, today: dt.date) -> AuditRun:
    return AuditRun(
        site_id=site.site.id,
        run_date=today,
        score=site.score,
        veto=site.veto,
        veto_count=site.count(Severity.VETO),
        deduction_count=site.count(Severity.DEDUCTION),
        warning_count=site.count(Severity.WARNING),
        on_time=site.on_time,
        late=site.late,
    )


def run_and_record(
    profiles=None, today: dt.date | None = None, *, rendered: bool = True
) -> AuditResult:
    result = run_audit(profiles, today, rendered=rendered)
    record(result)
    return result


def ensure_today(profiles, today: dt.date) -> None:
    """Run the audit for those of `profiles` without a snapshot for `today`."""
    have = set(
        AuditRun.objects.filter(site__in=profiles, run_date=today).values_list("site_id", flat=True)
    )
    missing = [p for p in profiles if p.pk not in have]
    if missing:
        run_and_record(missing, today)
