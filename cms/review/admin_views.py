"""The 审核设置 admin screen: for each site a moderator administers, whether its pages need 终审
after 审核, and which columns differ (需要终审 / 不需要终审). The 终审 group's members are managed
in Wagtail's 用户组 screen like any group. Another site's settings are a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.pages.models import ColumnPage
from cms.review.models import ColumnReviewPolicy, FinalApproval, SiteReviewPolicy
from cms.review.provisioning import ensure_review_workflow, final_group_name
from sites.permissions import sites_for_user

NAMESPACE = "review"


def _administered(request: HttpRequest):
    return sites_for_user(request.user, moderated_only=True).select_related("site__root_page")


class SettingsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "review/settings_index.html"
    page_title = "审核设置"
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profiles = list(_administered(self.request))
        policies = {p.site_id: p for p in SiteReviewPolicy.objects.filter(site__in=profiles)}
        context["rows"] = [
            {
                "profile": profile,
                "final": bool(policies.get(profile.pk) and policies[profile.pk].final_approval),
                "columns": ColumnReviewPolicy.objects.filter(
                    column__path__startswith=profile.site.root_page.path
                )
                .exclude(final_approval=FinalApproval.INHERIT)
                .count(),
            }
            for profile in profiles
        ]
        return context


class SiteSettingsForm(forms.Form):
    final_approval = forms.BooleanField(
        label="本站稿件需要终审", required=False, help_text="审核通过后，还须经终审组终审才能发布。"
    )
    required_columns = forms.ModelMultipleChoiceField(
        label="需要终审的栏目",
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="这些栏目（及其下级栏目）的稿件总是需要终审。",
    )
    exempt_columns = forms.ModelMultipleChoiceField(
        label="不需要终审的栏目",
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="这些栏目（及其下级栏目）的稿件审核通过即发布。",
    )

    def __init__(self, *args, columns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_columns"].queryset = columns
        self.fields["exempt_columns"].queryset = columns
        self.fields["required_columns"].label_from_instance = self.fields[
            "exempt_columns"
        ].label_from_instance = lambda page: "　" * max(0, page.depth - 3) + page.title

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("required_columns") or ()) & set(cleaned.get("exempt_columns") or ())
        if both:
            names = "、".join(page.title for page in both)
            raise forms.ValidationError(f"栏目“{names}”不能同时需要终审和不需要终审。")
        return cleaned


class SiteSettingsView(WagtailAdminTemplateMixin, FormView):
    template_name = "review/site_settings.html"
    header_icon = "tasks"
    form_class = SiteSettingsForm

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.profile = get_object_or_404(_administered(request), pk=kwargs["pk"])
        home = self.profile.site.root_page
        self.columns = Page.objects.type(ColumnPage).descendant_of(home).order_by("path")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"审核设置：{self.profile.canonical_name}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse("review:settings"), "label": "审核设置"},
            {"url": "", "label": self.profile.canonical_name},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "columns": self.columns}

    def get_initial(self):
        policy = SiteReviewPolicy.objects.filter(site=self.profile).first()
        rules = ColumnReviewPolicy.objects.filter(column__in=self.columns)
        return {
            "final_approval": bool(policy and policy.final_approval),
            "required_columns": [
                r.column_id for r in rules if r.final_approval == FinalApproval.REQUIRED
            ],
            "exempt_columns": [
                r.column_id for r in rules if r.final_approval == FinalApproval.NOT_REQUIRED
            ],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.profile
        context["final_group"] = final_group_name(self.profile)
        return context

    def form_valid(self, form):
        with transaction.atomic():
            ensure_review_workflow(self.profile)
            SiteReviewPolicy.objects.update_or_create(
                site=self.profile, defaults={"final_approval": form.cleaned_data["final_approval"]}
            )
            chosen = {
                **{p.pk: FinalApproval.REQUIRED for p in form.cleaned_data["required_columns"]},
                **{p.pk: FinalApproval.NOT_REQUIRED for p in form.cleaned_data["exempt_columns"]},
            }
            ColumnReviewPolicy.objects.filter(column__in=self.columns).exclude(
                column_id__in=list(chosen)
            ).delete()
            for column_id, rule in chosen.items():
                ColumnReviewPolicy.objects.update_or_create(
                    column_id=column_id, defaults={"final_approval": rule}
                )
        messages.success(self.request, f"已保存“{self.profile.canonical_name}”的审核设置。")
        return redirect("review:settings")


def require_moderator(view):
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not _administered(request).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("settings/", require_moderator(SettingsIndexView.as_view()), name="settings"),
    path("settings/<int:pk>/", require_moderator(SiteSettingsView.as_view()), name="site_settings"),
]
