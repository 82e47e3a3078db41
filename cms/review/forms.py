"""The forms of the review steps' actions (the modal Wagtail opens on 退回修改 or 保密审查并通过)."""

from __future__ import annotations

from django import forms

from cms.review.models import ConfidentialityBasis


class CommentForm(forms.Form):
    comment = forms.CharField(label="审核意见", widget=forms.Textarea, required=False)


class RejectForm(forms.Form):
    """A rejection always says why: the editor reads it on the dashboard (被退回的稿件)."""

    comment = forms.CharField(
        label="退回意见",
        widget=forms.Textarea,
        error_messages={"required": "请填写退回意见，编辑将据此修改。"},
    )


class ConfidentialApproveForm(CommentForm):
    """保密审查 before a disclosure is published (条例 第十七、十八条): the conclusion and basis."""

    basis = forms.ChoiceField(
        label="保密审查结论",
        choices=[("", "请选择"), *ConfidentialityBasis.choices],
        error_messages={"required": "请选择保密审查结论。"},
    )
    confidentiality_note = forms.CharField(
        label="审查依据与说明", max_length=500, required=False, widget=forms.Textarea
    )
