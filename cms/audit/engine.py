"""Runs every check over gathered data: per site (findings, punctuality register, score, single-veto
status) and for the platform (the working-day calendar). The entry point for the command, the
scorecard, the daily task and the benchmark."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

from cms.audit import checks
from cms.audit import rules as R
from cms.audit.data import Finding, RegisterRow, SiteData, SiteInput
from cms.audit.external_links import stored_findings
from cms.audit.gather import gather
from cms.audit.internal_links import broken_links
from cms.audit.rules import SEVERITY_ORDER, Severity
from cms.core.inspection import message_source, new_media_source


@dataclass
class SiteResult:
    site: SiteData
    findings: list[Finding] = field(default_factory=list)
    register: list[RegisterRow] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def veto(self) -> bool:
        return self.count(Severity.VETO) > 0

    @property
    def score(self) -> int:
        return max(0, 100 - R.DEDUCTION_POINTS * self.count(Severity.DEDUCTION))

    @property
    def on_time(self) -> int:
        return sum(1 for row in self.register if row.on_time)

    @property
    def late(self) -> int:
        return len(self.register) - self.on_time

    @property
    def punctuality(self) -> float | None:
        """Share of published disclosures that were on time, in percent."""
        return round(100 * self.on_time / len(self.register), 1) if self.register else None


@dataclass
class AuditResult:
    today: dt.date
    sites: list[SiteResult]
    platform: list[Finding]
    chain_ok: bool | None = None
    chain_first_broken: object = None

    def all_findings(self) -> list[Finding]:
        return [*self.platform, *(f for s in self.sites for f in s.findings)]

    def reaches(self, level: str) -> bool:
        """True when a finding at `level` ("veto" or "warning": anything reported) exists."""
        findings = self.all_findings()
        if level == "veto":
            return any(f.severity == Severity.VETO for f in findings)
        return bool(findings)


def today_local() -> dt.date:
    return timezone.localdate()


def audit_site(data: SiteInput, today: dt.date, messages=(), extra=(), accounts=()) -> SiteResult:
    site = data.site
    findings: list[Finding] = list(extra)
    findings += checks.check_homepage(site, today)
    findings += checks.check_columns(site, data.columns, today)
    register: list[RegisterRow] = []
    for item in data.disclosures:
        row = checks.register_row(item)
        findings += checks.check_disclosure(item, today, row)
        if row is not None:
            register.append(row)
    for case in data.requests:
        findings += checks.check_request(case, today)
    for message in messages:
        findings += checks.check_message(message, today)
    for account in accounts:
        findings += checks.check_new_media(account, today)
    if data.report is not None:
        findings += checks.check_annual_report(site, data.report, today)
        findings += checks.check_site_report(site, data.report, today)
    for source in data.link_sources:
        findings += broken_links(source, data.link_targets)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.rule.code, f.object_id or 0))
    register.sort(key=lambda row: (row.published_on, row.page_id), reverse=True)
    return SiteResult(site, findings, register)


def _by_site(source, site_ids: list[int] | None, today: dt.date) -> dict[int, list]:
    """Rows of a cms.core.inspection source (unanswered messages, silent 政务新媒体 accounts)
    grouped by site; nothing while the source's setting is empty."""
    grouped: dict[int, list] = {}
    if source is None:
        return grouped
    for row in source(site_ids, today):
        grouped.setdefault(row.site_id, []).append(row)
    return grouped


def _chain_status(result: AuditResult) -> None:
    if not apps.is_installed("cms.publication_log"):
        return
    from cms.publication_log.chain import verify_chain  # type: ignore[import-not-found]

    outcome = verify_chain()
    result.chain_ok = bool(outcome.ok)
    result.chain_first_broken = outcome.first_broken


def run_audit(
    profiles=None,
    today: dt.date | None = None,
    *,
    with_chain: bool = False,
    rendered: bool = False,
) -> AuditResult:
    """Audit `profiles` (SiteProfile list; all sites when None) as of `today`; with `rendered`,
    also render each site's sample pages and check their meta tags and footer (cms.audit.rendered)."""
    from sites.models import SiteProfile

    today = today or today_local()
    checks.clear_memo()
    if profiles is None and rendered:
        profiles_list = list(SiteProfile.objects.select_related("site__root_page"))
    else:
        profiles_list = list(profiles) if profiles is not None else None
    inputs = gather(profiles_list)
    site_ids = None if profiles is None else list(inputs)
    messages = _by_site(message_source(), site_ids, today)
    extra: dict[int, list[Finding]] = {}
    if rendered and profiles_list:
        from cms.audit.rendered import check_rendered

        for profile in profiles_list:
            extra[profile.pk] = check_rendered(profile, inputs[profile.pk].site)
    # Outbound links: the stored results of the last `check_links` run (no network here).
    external = stored_findings(site_ids)
    accounts = _by_site(new_media_source(), site_ids, today)
    results = [
        audit_site(
            data,
            today,
            messages.get(site_id, ()),
            [*extra.get(site_id, ()), *external.get(site_id, ())],
            accounts.get(site_id, ()),
        )
        for site_id, data in inputs.items()
    ]
    result = AuditResult(today, results, checks.check_calendar(today))
    if with_chain:
        _chain_status(result)
    return result
