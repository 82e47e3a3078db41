"""Recording a moderator's override of content-safety findings (who, when, revision, finding,
reason). Only users who may publish the page may override, and never a 禁止发布 sensitive word."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cms.safety.check import Finding
from cms.safety.models import SafetyOverride


def may_override(page, user) -> bool:
    return bool(user and page.permissions_for_user(user).can_publish())


def record_overrides(
    page, revision, findings: list[Finding], *, user, reason: str
) -> list[SafetyOverride]:
    if not may_override(page, user):
        raise PermissionDenied("只有本网站有发布权限的审核人员可以豁免内容安全检查结果。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写豁免理由。")
    if not findings:
        raise ValidationError("请选择要豁免的检查结果。")
    for finding in findings:
        if not finding.overridable:
            raise ValidationError(
                f"“{finding.matched}”属于禁止发布的敏感词，不能豁免，请修改原文。"
            )
    name = user.get_full_name() or user.get_username()
    with transaction.atomic():
        return [
            SafetyOverride.objects.create(
                page_id=page.pk,
                revision=revision,
                field=finding.field,
                field_label=finding.field_label,
                kind=finding.kind,
                category=finding.category[:50],
                matched=finding.matched[:200],
                context=finding.context[:200],
                position=finding.position,
                message=finding.message[:300],
                reason=reason,
                user=user,
                user_name=name,
            )
            for finding in findings
        ]
