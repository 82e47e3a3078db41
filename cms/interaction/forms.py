"""Public forms of the message board (the message itself, the status lookup) and the admin forms,
one per step of cms.interaction.workflow. Phone numbers are validated and normalised exactly as
on the 依申请公开 form (cms.requests.forms)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from cms.core.validators import normalise_code
from cms.disclosure.models import Organisation
from cms.interaction import challenge
from cms.interaction.attachments import LABEL, MAX_FILES, check_upload
from cms.interaction.models import Message
from cms.requests.forms import LANDLINE_PATTERN, MOBILE_PATTERN, normalise_phone
from sites.models import SiteProfile

PUBLIC_FIELDS = ["kind", "name", "phone", "email", "subject", "content", "is_public"]
REQUIRED = {"required": "此项为必填项。"}
MIN_CONTENT_CHARS = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(f"最多上传{MAX_FILES}个附件。")
        errors = []
        for upload in files:
            try:
                check_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return list(files)


class MessageForm(forms.ModelForm):
    is_public = forms.TypedChoiceField(
        label="是否公开",
        choices=[("1", "同意公开（隐去姓名和联系方式）"), ("0", "不公开")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
        error_messages=REQUIRED,
    )
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"可选，最多{MAX_FILES}个，每个不超过10 MB，格式：{LABEL}。",
    )
    challenge_answer = forms.CharField(label="验证题", max_length=10, error_messages=REQUIRED)
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Message
        fields = PUBLIC_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "content": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "phone": "手机或带区号的固定电话；查询办理进度时需要，不会公开。",
            "email": "可选；答复发布后我们会发邮件告知您。",
            "subject": "请用一句话概括您的问题，不超过100字。",
        }
        error_messages = {
            field: {"required": "此项为必填项。", "invalid": "格式不正确。"}
            for field in PUBLIC_FIELDS
        }

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["kind"].label = "留言类型"
        self.fields["email"].error_messages["invalid"] = "请填写正确的电子邮箱地址。"
        self.fields["kind"].error_messages["invalid_choice"] = "请选择本网站受理的留言类型。"
        self.fields["is_public"].error_messages["invalid_choice"] = "请选择是否公开。"
        self.question, token = challenge.new_challenge()
        # A fresh question on every render: a used token cannot be submitted twice.
        self.fields["challenge_answer"].label = f"验证题：{self.question}"
        self.fields["challenge_answer"].help_text = "请用阿拉伯数字填写答案。"
        self.new_token = token

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not (MOBILE_PATTERN.match(phone) or LANDLINE_PATTERN.match(phone)):
            raise ValidationError("请填写11位手机号码或带区号的固定电话号码。")
        return phone

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"].strip()
        if not subject:
            raise ValidationError("此项为必填项。")
        return subject

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(content) < MIN_CONTENT_CHARS:
            raise ValidationError(
                f"留言内容请至少写{MIN_CONTENT_CHARS}个字，说清楚事情经过和诉求。"
            )
        return content

    def clean(self) -> dict:
        data = super().clean()
        # The human check last, and only for an otherwise valid form: its token is spent once.
        if not self.errors:
            error = challenge.check(
                self.data.get("challenge_token", ""), data.get("challenge_answer")
            )
            if error:
                self.add_error("challenge_answer", error)
        return data


class StatusLookupForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=20, error_messages=REQUIRED)
    phone = forms.CharField(label="留言时填写的联系电话", max_length=20, error_messages=REQUIRED)

    def clean_tracking_code(self) -> str:
        return normalise_code(self.cleaned_data["tracking_code"])

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


# Admin step forms -------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField(
        label="备注内容", error_messages=REQUIRED, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="办理机构", queryset=Organisation.objects.none(), error_messages=REQUIRED
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, message: Message, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(site=message.site_id)


class TransferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="转至机构",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="可选本网站其他机构或集约平台内其他网站的机构。",
    )
    site = forms.ModelChoiceField(
        label="或转至网站",
        queryset=SiteProfile.objects.none(),
        required=False,
        help_text="不指定机构时，留言进入该网站的待分办列表。",
    )
    note = forms.CharField(
        label="转办理由", error_messages=REQUIRED, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, message: Message, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.select_related("site").order_by(
            "site__sort_order", "sort_order"
        )
        self.fields["organisation"].queryset = orgs.exclude(pk=message.organisation_id)
        self.fields["organisation"].label_from_instance = lambda o: f"{o.site}：{o.name}"
        self.fields["site"].queryset = SiteProfile.objects.exclude(pk=message.site_id)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("organisation") and data.get("site"):
            self.add_error("site", "机构和网站只选一项。")
        elif not data.get("organisation") and not data.get("site"):
            self.add_error("organisation", "请选择转办的机构或网站。")
        return data


class DraftReplyForm(forms.Form):
    body = forms.CharField(
        label="答复内容", error_messages=REQUIRED, widget=forms.Textarea(attrs={"rows": 8})
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label="退回理由", error_messages=REQUIRED, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvalidForm(forms.Form):
    reason = forms.CharField(
        label="无效原因",
        error_messages=REQUIRED,
        help_text="如广告、恶意骚扰、与政务无关的内容等；原因将保留供检查人员查阅。",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
