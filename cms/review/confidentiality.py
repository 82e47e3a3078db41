"""保密审查 before disclosure (条例 第十七、十八条): a disclosure revision is published only with a
recorded confirmation (who, when, the basis) for that very revision. The gate registered as
"confidentiality" (cms.core.publication_gates) refuses any other; so the admin's 发布 button, the
workflow, scheduled publishing and code paths are all held to it.

A reviewer confirms in the 审核 step's form (cms.review.models.SiteReviewTask). Code that publishes
a disclosure (imports, the demo loader, test factories) has no reviewer clicking: it declares the
confirmation explicitly with `confirmed(...)`, and the gate records it for each revision published
inside the block, naming the code path as reviewer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from cms.core.publication_gates import GateFinding
from cms.review.models import ConfidentialityBasis, ConfidentialityReview

GATE_NAME = "confidentiality"
# The page types that are 政府信息 under the 条例 (公开指南 and reports are the office's own).
REVIEWED_MODELS = ("disclosure.disclosurepage", "disclosure.interpretationpage")


@dataclass(frozen=True)
class Declaration:
    basis: str
    reviewer_name: str
    note: str = ""
    reviewer: Any = None


_declared: ContextVar[Declaration | None] = ContextVar("jiyue_confidentiality", default=None)


def is_reviewed_type(page: Any) -> bool:
    meta = (getattr(page, "specific_class", None) or type(page))._meta
    return f"{meta.app_label}.{meta.model_name}" in REVIEWED_MODELS


def has_confirmation(revision: Any) -> bool:
    return revision is not None and (
        ConfidentialityReview.objects.filter(revision_id=revision.pk).exists()
    )


def needs_confirmation(page: Any, revision: Any) -> bool:
    """True for a disclosure revision nobody has cleared yet."""
    return is_reviewed_type(page) and not has_confirmation(revision)


def record_confirmation(
    revision: Any,
    *,
    basis: str,
    reviewer: Any = None,
    reviewer_name: str = "",
    note: str = "",
) -> ConfidentialityReview:
    if basis not in ConfidentialityBasis.values:
        raise ValueError(f"保密审查结论“{basis}”无效。")
    review, _ = ConfidentialityReview.objects.update_or_create(
        revision=revision,
        defaults={
            "page_id": revision.object_id,
            "basis": basis,
            "note": note,
            "reviewer": reviewer,
            "reviewer_name": reviewer_name,
        },
    )
    return review


@contextlib.contextmanager
def confirmed(
    *,
    basis: str = ConfidentialityBasis.REVIEWED_PUBLIC,
    reviewer_name: str,
    note: str = "",
    reviewer: Any = None,
) -> Iterator[None]:
    """Publications of disclosures inside this block carry this 保密审查 confirmation, recorded
    for each revision as it is published. `reviewer_name` says which code path confirms."""
    token = _declared.set(Declaration(basis, reviewer_name, note, reviewer))
    try:
        yield
    finally:
        _declared.reset(token)


def confidentiality_gate(page: Any, revision: Any, user: Any) -> list[GateFinding]:
    if not is_reviewed_type(page) or has_confirmation(revision):
        return []
    declaration = _declared.get()
    if declaration is not None and revision is not None:
        record_confirmation(
            revision,
            basis=declaration.basis,
            reviewer=declaration.reviewer or user,
            reviewer_name=declaration.reviewer_name,
            note=declaration.note,
        )
        return []
    return [
        GateFinding(
            gate=GATE_NAME,
            message=f"“{page.title}”尚未完成保密审查，不能发布：请在审核时填写保密审查结论。",
        )
    ]
