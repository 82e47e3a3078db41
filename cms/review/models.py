"""Review before publication (先审后发, STANDARDS.md §5) on Wagtail's workflow: each site's workflow
has a 审核 step (the site's moderators) and a 终审 step (the site's final approvers) that runs only
where the site or the column asks for it; a disclosure's 保密审查 (条例 第十七、十八条) is recorded
against the very revision it clears."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, TaskState


class ConfidentialityBasis(models.TextChoices):
    """What the reviewer confirms (条例 第十七条: 依照《保守国家秘密法》… 进行审查)."""

    NOT_CLASSIFIED = "not_classified", "不涉及国家秘密，可以公开"
    REVIEWED_PUBLIC = "reviewed_public", "经保密审查可以公开"
    SECRECY_LAW = (
        "secrecy_law",
        "依据《中华人民共和国保守国家秘密法》及其实施条例审查，不涉密，可以公开",
    )
    AUTHORISED = "authorised", "涉及事项经有权机关确定可以公开"


class ConfidentialityReview(models.Model):
    """One 保密审查 confirmation: who, when and on what basis a revision may be disclosed."""

    revision = models.ForeignKey(
        Revision, verbose_name="修订版本", on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        Page, verbose_name="页面", on_delete=models.CASCADE, related_name="confidentiality_reviews"
    )
    basis = models.CharField("审查结论", max_length=32, choices=ConfidentialityBasis.choices)
    note = models.CharField("审查说明", max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Code that publishes (imports, the demo loader) names itself, as there is no user.
    reviewer_name = models.CharField("审查人（名称）", max_length=150, blank=True)
    reviewed_at = models.DateTimeField("审查时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ["-reviewed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["revision"], name="review_one_confidentiality_review")
        ]

    def __str__(self) -> str:
        return f"{self.page_id}#{self.revision_id} {self.get_basis_display()}"

    @property
    def reviewer_label(self) -> str:
        if self.reviewer_id:
            return self.reviewer.get_full_name() or self.reviewer.get_username()
        return self.reviewer_name


class ReviewStage(models.TextChoices):
    FIRST = "first", "审核"
    FINAL = "final", "终审"


class SiteReviewTask(AbstractGroupApprovalTask):
    """A site's review step: its groups approve or send back (always with a comment, so the
    editor sees why); approving a disclosure records its 保密审查 in the same form. The 终审 stage
    is skipped for pages whose site and column do not ask for it (cms.review.policy)."""

    stage = models.CharField("审核环节", max_length=10, choices=ReviewStage.choices)

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "stage"]

    class Meta:
        verbose_name = "站点审核环节"
        verbose_name_plural = "站点审核环节"

    def start(self, workflow_state, user=None):
        from cms.review.policy import final_approval_required

        task_state = super().start(workflow_state, user=user)
        if self.stage == ReviewStage.FINAL and not final_approval_required(
            workflow_state.content_object
        ):
            # Wagtail moves on by itself past a task state that is not in progress.
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.save(update_fields=["status"])
        return task_state

    def get_actions(self, obj, user):
        from cms.review.confidentiality import needs_confirmation

        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        if needs_confirmation(obj, obj.get_latest_revision()):
            return [
                ("reject", "退回修改", True),
                ("approve_confidential", "保密审查并通过", True),
            ]
        return [
            ("reject", "退回修改", True),
            ("approve", "审核通过", False),
            ("approve", "审核通过并留言", True),
        ]

    def get_form_for_action(self, action):
        from cms.review import forms

        return {
            "reject": forms.RejectForm,
            "approve_confidential": forms.ConfidentialApproveForm,
        }.get(action, forms.CommentForm)

    def on_action(self, task_state, user, action_name, **kwargs):
        from cms.review.confidentiality import record_confirmation

        if action_name == "approve_confidential":
            page = task_state.workflow_state.content_object.specific
            record_confirmation(
                page.get_latest_revision(),
                basis=kwargs.pop("basis"),
                note=kwargs.pop("confidentiality_note", ""),
                reviewer=user,
            )
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "本站审核组或终审组成员审核通过或退回修改；公开信息须同时完成保密审查"


class FinalApproval(models.TextChoices):
    INHERIT = "inherit", "沿用网站设置"
    REQUIRED = "required", "需要终审"
    NOT_REQUIRED = "not_required", "不需要终审"


class SiteReviewPolicy(models.Model):
    """Whether a site's pages go to 终审 after 审核 (its columns may say otherwise)."""

    site = models.OneToOneField(
        "jiyue_sites.SiteProfile",
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="review",
    )
    final_approval = models.BooleanField(
        "需要终审", default=False, help_text="开启后，审核通过的稿件还须经本站终审组终审才能发布。"
    )

    class Meta:
        verbose_name = "审核设置"
        verbose_name_plural = "审核设置"

    def __str__(self) -> str:
        return str(self.site)


class ColumnReviewPolicy(models.Model):
    """A column's own 终审 rule for the pages below it; the nearest column with one decides."""

    column = models.OneToOneField(
        Page, verbose_name="栏目", on_delete=models.CASCADE, related_name="review_policy"
    )
    final_approval = models.CharField(
        "终审", max_length=20, choices=FinalApproval.choices, default=FinalApproval.INHERIT
    )

    class Meta:
        verbose_name = "栏目审核设置"
        verbose_name_plural = "栏目审核设置"

    def __str__(self) -> str:
        return f"{self.column_id}: {self.get_final_approval_display()}"
