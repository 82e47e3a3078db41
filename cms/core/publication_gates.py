"""Publication gates: the one place where a page's publication can be refused.

Every path to publication (the admin's 发布 button, a moderator approving a workflow task,
scheduled publishing, the admin API, imports, sharing, the demo loader, `publish_page`, and plain
`page.save_revision().publish()`) runs Wagtail's `PublishPageRevisionAction`: the edit view
builds one itself rather than calling `Page.publish`. `install()` makes that action's `check`
ask every registered gate about the revision before anything is published or scheduled, so a
rule that must hold
before anything leaves (先审后发, 保密审查, content safety: STANDARDS.md §1, §2, §5) is written
once, as a gate, and cannot be bypassed by calling a different function.

A gate is a callable `(page, revision, user) -> iterable of GateFinding`; an empty result lets
the publication through. Apps register their gates in `AppConfig.ready()`. The findings carry
Chinese messages for the editor and, where a gate knows them, the field and position of the
offending text, so the admin can show them next to the text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cms.core.publishing import PublishingError


@dataclass(frozen=True)
class GateFinding:
    """One reason a revision may not be published yet."""

    gate: str  # the registered gate's name, e.g. "safety" or "confidentiality"
    message: str  # Chinese, for the editor or moderator
    field: str = ""  # the page field holding the offending text, if any
    position: int | None = None  # character offset in that field's text
    excerpt: str = ""  # the offending text itself


class PublicationRefused(PublishingError):
    """Raised by the publish action's check when a gate refuses; nothing has been published."""

    def __init__(self, findings: list[GateFinding]) -> None:
        self.findings = findings
        super().__init__("；".join(finding.message for finding in findings) or "发布被拒绝。")


Gate = Callable[[Any, Any, Any], Iterable[GateFinding]]

_gates: dict[str, Gate] = {}


def register_gate(name: str, gate: Gate) -> None:
    """Register (or replace, on a repeated `ready()`) the gate called `name`."""
    _gates[name] = gate


def registered_gates() -> dict[str, Gate]:
    return dict(_gates)


def findings_for(page: Any, revision: Any, user: Any = None) -> list[GateFinding]:
    """What every gate finds against publishing `revision` of `page` now (empty: it may go)."""
    findings: list[GateFinding] = []
    for gate in _gates.values():
        findings.extend(gate(page, revision, user))
    return findings


def enforce(page: Any, revision: Any, user: Any = None) -> None:
    """Raise `PublicationRefused` if any gate refuses this publication."""
    findings = findings_for(page, revision, user)
    if findings:
        raise PublicationRefused(findings)


# Draft checks: the same rules applied to the editor's unsaved form when they publish, submit
# for review or approve, so the findings appear on the fields (with position and excerpt) before
# anything is saved, instead of a refusal after the revision is written. A draft check is a
# callable `(page, user) -> iterable of GateFinding` over the page as the form would save it.
DraftCheck = Callable[[Any, Any], Iterable[GateFinding]]

_draft_checks: dict[str, DraftCheck] = {}


def register_draft_check(name: str, check: DraftCheck) -> None:
    _draft_checks[name] = check


def draft_findings(page: Any, user: Any = None) -> list[GateFinding]:
    findings: list[GateFinding] = []
    for check in _draft_checks.values():
        findings.extend(check(page, user))
    return findings


def install() -> None:
    """Make Wagtail's page publish action consult the gates (called once, from CoreConfig)."""
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

    if getattr(PublishPageRevisionAction.check, "consults_gates", False):
        return
    wagtail_check = PublishPageRevisionAction.check

    def check(self, skip_permission_checks: bool = False) -> None:
        wagtail_check(self, skip_permission_checks=skip_permission_checks)
        # `self.object` is the revision's content; gates read the page and its revision.
        enforce(self.object, self.revision, self.user)

    check.consults_gates = True  # type: ignore[attr-defined]
    PublishPageRevisionAction.check = check
