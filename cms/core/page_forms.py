"""The admin form every Jiyue page type's form derives from: it adds the editor's choice of
update kind (重要更新 / 一般修改) and a 修改说明 to every edit, and hands them to the revision
being saved (`BasePage.save_revision` records them against it), so the choice travels with the
revision through review: the moderator who approves publishes what the editor declared."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.slugs import needs_short_slug, short_slug
from cms.core.update_kinds import PENDING_INTENT_ATTR, UpdateIntent, UpdateKind

UPDATE_KIND_FIELD = "update_kind"
CHANGE_NOTE_FIELD = "change_note"
# The editor's buttons that lead to publication (Wagtail's POST names).
GATED_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)
APPROVING_WORKFLOW_ACTIONS = ("approve",)


class JiyuePageForm(WagtailAdminPageForm):
    update_kind = forms.ChoiceField(
        label="更新类型",
        choices=UpdateKind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=(
            "重要更新：内容有实质变化，稿件在订阅源中置顶、更新时间改变，并推送到政务新媒体；"
            "一般修改：改错别字、调整格式等，不置顶、不推送。"
        ),
    )
    change_note = forms.CharField(
        label="修改说明",
        max_length=200,
        required=False,
        help_text="选填，记入页面历史，例如“更正第三段的联系电话”。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields.get(UPDATE_KIND_FIELD)
        if kind is None:
            return
        if self.instance.pk and self.instance.first_published_at:
            # Most edits of a published page are corrections: a 重要更新 must be chosen on purpose,
            # so a typo fix never re-pushes an article to WeChat.
            kind.initial = UpdateKind.MINOR
        else:
            kind.initial = UpdateKind.MAJOR
            kind.disabled = True
            kind.help_text = "首次发布均为重要更新。"

    def clean(self) -> dict[str, Any]:
        # Before Wagtail's own clean, which checks the slug is free among the siblings.
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title") or ""
        never_published = not (self.instance.pk and self.instance.first_published_at)
        if "slug" in self.cleaned_data and never_published and title and needs_short_slug(slug):
            self.cleaned_data["slug"] = short_slug(title, self.parent_page, self.instance)
        return super().clean()

    def clean_update_kind(self) -> str:
        if self.fields[UPDATE_KIND_FIELD].disabled:
            return UpdateKind.MAJOR
        return self.cleaned_data.get(UPDATE_KIND_FIELD) or UpdateKind.MINOR

    def _post_clean(self) -> None:
        """On 发布, 提交审核 and 审核通过, run the publication gates' draft checks on the page as it
        would be saved (cms.core.publication_gates) and show each finding on its field."""
        super()._post_clean()
        if not any(self.data.get(action) for action in GATED_ACTIONS):
            return
        if self.data.get("action-workflow-action") and (
            self.data.get("workflow-action-name") not in APPROVING_WORKFLOW_ACTIONS
        ):
            return
        from cms.core.publication_gates import draft_findings

        for finding in draft_findings(self.instance, self.for_user):
            field = finding.field if finding.field in self.fields else None
            self.add_error(field, finding.message)

    def save(self, commit: bool = True):
        page = super().save(commit=commit)
        if UPDATE_KIND_FIELD in self.cleaned_data:
            intent = UpdateIntent(
                kind=self.cleaned_data[UPDATE_KIND_FIELD],
                change_note=(self.cleaned_data.get(CHANGE_NOTE_FIELD) or "").strip(),
            )
            setattr(page, PENDING_INTENT_ATTR, intent)
        return page
