"""The account form: credentials are write-only (a new secret replaces the stored one, blank
keeps it, nothing is ever rendered back), choices are limited to the user's own sites, and saving
a new Weibo token clears the "authorisation expired" mark and retries what it held up."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from cms.disclosure.models import Organisation
from cms.disclosure.vocab import CATEGORY_CHOICES
from cms.newmedia import credentials
from cms.newmedia.models import AccountStatus, OutboxEntry, Platform, State
from cms.newmedia.permissions import sites_for
from cms.newmedia.weibo_client import TOKEN_EXPIRED


class ColumnChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Page) -> str:
        return f"{obj.title}（{obj.url_path}）"


class AccountForm(WagtailAdminModelForm):
    new_secret = forms.CharField(
        label="设置新的密钥",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="微信公众号填写 AppSecret，微博填写 OAuth 访问令牌；留空则保留已保存的密钥。已保存的密钥不会显示。",
    )
    clear_secret = forms.BooleanField(label="删除已保存的密钥", required=False)
    category_choices = forms.MultipleChoiceField(
        label="信息类别",
        required=False,
        choices=CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="法定主动公开内容中这些类别的信息推送到本账号。",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        sites = sites_for(user, {"change"}) if user is not None else None
        if sites is not None and "site" in self.fields:
            self.fields["site"].queryset = sites
        if "columns" in self.fields:
            roots = [s.site.root_page for s in (sites or []).select_related("site__root_page")]
            columns = Page.objects.none()
            for root in roots:
                columns |= Page.objects.descendant_of(root).filter(
                    content_type__model="columnpage", content_type__app_label="pages"
                )
            field = ColumnChoiceField(
                queryset=columns.order_by("path"), required=False, label="栏目"
            )
            field.help_text = "这些栏目（含下级栏目）发布的重要更新推送到本账号。"
            self.fields["columns"] = field
        if "organisations" in self.fields and sites is not None:
            self.fields["organisations"].queryset = Organisation.objects.filter(site__in=sites)
        self.fields["category_choices"].initial = list(self.instance.categories or [])
        stored = "已保存（不显示）" if self.instance.secret_encrypted else "未保存"
        self.fields["new_secret"].help_text += f" 当前状态：{stored}。"

    def clean(self):
        data = super().clean()
        if data.get("platform") == Platform.WECHAT and not data.get("app_id"):
            self.add_error("app_id", "微信公众号必须填写 AppID。")
        if data.get("status") == AccountStatus.CLOSED and not data.get("closed_on"):
            self.add_error("closed_on", "已注销的账号请填写注销日期。")
        if data.get("new_secret") and data.get("clear_secret"):
            self.add_error("clear_secret", "不能同时设置新密钥和删除密钥。")
        return data

    def save(self, commit: bool = True):
        account = super().save(commit=False)
        account.categories = list(self.cleaned_data.get("category_choices") or [])
        renewed = bool(self.cleaned_data.get("new_secret"))
        if renewed:
            account.secret_encrypted = credentials.encrypt(self.cleaned_data["new_secret"])
            account.auth_expired_at = None
        elif self.cleaned_data.get("clear_secret"):
            account.secret_encrypted = ""
        if commit:
            account.save()
            self.save_m2m()
            if renewed and account.pk:
                # What the expired authorisation held up goes out again.
                OutboxEntry.objects.filter(
                    account=account,
                    state=State.FAILED,
                    error_code__in=[str(c) for c in TOKEN_EXPIRED] + ["auth_expired"],
                ).update(state=State.PENDING, attempts=0, next_attempt_at=timezone.now())
        return account
