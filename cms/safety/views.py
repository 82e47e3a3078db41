"""Admin screens of the content-safety check: a page's findings with the moderator's override
(内容安全检查), the lists (受保护词语, 敏感词) and the override record (豁免记录, CSV/XLSX for the
审计员 group)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from cms.safety.check import check_page
from cms.safety.gate import overridden_keys
from cms.safety.models import ProtectedTerm, SafetyOverride, SensitiveWord
from cms.safety.overrides import may_override, record_overrides


class OverrideForm(forms.Form):
    findings = forms.MultipleChoiceField(
        label="要豁免的检查结果",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择要豁免的检查结果。"},
    )
    reason = forms.CharField(
        label="豁免理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text="例如“引用原文件中的错误写法作更正说明”“该号码为依法公开的单位电话”。",
        error_messages={"required": "请填写豁免理由。"},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].choices = choices


def page_check(request: HttpRequest, page_id: int) -> HttpResponse:
    """The findings in the latest revision of a page; a moderator may override them."""
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.get_latest_revision()
    content = revision.as_object() if revision is not None else page
    findings = check_page(content)
    done = overridden_keys(page.pk)
    rows = [(str(index), f, f.overridable and f.key in done) for index, f in enumerate(findings)]
    open_rows = [(key, f) for key, f, overridden in rows if not overridden and f.overridable]
    can_override = may_override(page, request.user)
    form = OverrideForm(request.POST or None, choices=[(key, f.message) for key, f in open_rows])
    if request.method == "POST":
        if not can_override:
            raise PermissionDenied
        if form.is_valid():
            chosen = [f for key, f in open_rows if key in form.cleaned_data["findings"]]
            try:
                record_overrides(
                    page, revision, chosen, user=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"已记录 {len(chosen)} 项豁免。现在可以在编辑页面发布或审核通过。"
                )
                return redirect(reverse("safety_page_check", args=[page.pk]))
    return TemplateResponse(
        request,
        "safety/admin/page_check.html",
        {
            "page": page,
            "revision": revision,
            "rows": rows,
            "form": form if open_rows and can_override else None,
            "can_override": can_override,
        },
    )


class ProtectedTermViewSet(ModelViewSet):
    model = ProtectedTerm
    icon = "warning"
    menu_label = "受保护词语"
    list_display = ["correct", "wrong_forms", "category", "builtin", "active", "updated_at"]
    list_filter = ["category", "active", "builtin"]
    search_fields = ["correct", "wrong_forms"]
    inspect_view_enabled = False
    copy_view_enabled = False
    panels = [
        FieldPanel("correct"),
        FieldPanel("wrong_forms"),
        FieldPanel("category"),
        FieldPanel("note"),
        FieldPanel("active"),
    ]


class SensitiveWordViewSet(ModelViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "category", "severity", "suggestion", "active", "updated_at"]
    list_filter = ["category", "severity", "active"]
    search_fields = ["word", "category"]
    inspect_view_enabled = False
    copy_view_enabled = False
    panels = [
        FieldPanel("word"),
        FieldPanel("category"),
        FieldPanel("severity"),
        FieldPanel("suggestion"),
        FieldPanel("active"),
    ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """An audit record is never edited or deleted, not even by a superuser, from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


OVERRIDE_EXPORT = [
    "created_at",
    "user_name",
    "page_title",
    "page_id",
    "revision_id",
    "field_label",
    "kind_label",
    "category",
    "matched",
    "position",
    "context",
    "message",
    "reason",
]


class SafetyOverrideViewSet(ModelViewSet):
    model = SafetyOverride
    icon = "doc-full"
    menu_label = "豁免记录"
    list_display = ["created_at", "user_name", "page_title", "field_label", "matched", "reason"]
    list_filter = ["kind", "created_at"]
    search_fields = ["matched", "reason", "user_name"]
    list_export = OVERRIDE_EXPORT
    export_headings = {
        "created_at": "豁免时间",
        "user_name": "操作人",
        "page_title": "页面",
        "page_id": "页面ID",
        "revision_id": "版本ID",
        "field_label": "字段",
        "kind_label": "检查项",
        "category": "类别",
        "matched": "命中内容",
        "position": "位置（字）",
        "context": "上下文",
        "message": "检查结果",
        "reason": "豁免理由",
    }
    export_filename = "内容安全豁免记录"
    form_fields = ["reason"]  # never shown: the policy allows no add or edit
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return SafetyOverride.objects.select_related("page")


class SafetyViewSetGroup(ViewSetGroup):
    menu_label = "内容安全"
    menu_icon = "warning"
    menu_order = 850
    items = (
        ProtectedTermViewSet("safety_terms", url_prefix="safety/terms"),
        SensitiveWordViewSet("safety_words", url_prefix="safety/words"),
        SafetyOverrideViewSet("safety_overrides", url_prefix="safety/overrides"),
    )
