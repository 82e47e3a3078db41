"""The content-safety publication gate (cms.core.publication_gates): a revision with a finding
no moderator has let through is not published, whichever path publishes it."""

from __future__ import annotations

from collections.abc import Iterable

from cms.core.publication_gates import GateFinding
from cms.safety.check import Finding, check_page
from cms.safety.models import SafetyOverride

GATE_NAME = "safety"


def overridden_keys(page_id: int | None) -> set[tuple[str, str, str]]:
    if page_id is None:
        return set()
    rows = SafetyOverride.objects.filter(page_id=page_id).values_list("field", "kind", "matched")
    return set(rows)


def open_findings(page) -> list[Finding]:
    """The findings in `page`'s text that no override covers."""
    findings = check_page(page)
    if not findings:
        return []
    done = overridden_keys(page.pk)
    return [f for f in findings if not (f.overridable and f.key in done)]


def as_gate_findings(findings: Iterable[Finding]) -> list[GateFinding]:
    return [
        GateFinding(GATE_NAME, f"内容安全检查：{f.message}", f.field, f.position, f.matched)
        for f in findings
    ]


def safety_gate(page, revision, user) -> list[GateFinding]:
    content = revision.as_object() if revision is not None else page
    return as_gate_findings(open_findings(content))


OVERRIDE_HINT = (
    "内容安全检查未通过，请按提示修改后再提交或发布；如确需保留（例如引用原文的错误写法），"
    "请先保存草稿，再由本网站审核人员在页面顶部“内容安全检查”中填写理由记录豁免。"
)


def draft_findings(page, user) -> list[GateFinding]:
    """The same check on the editor's unsaved form (cms.core.page_forms), with how to proceed."""
    findings = as_gate_findings(open_findings(page))
    if findings:
        findings.append(GateFinding(GATE_NAME, OVERRIDE_HINT))
    return findings
