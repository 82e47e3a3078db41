"""Forms for filing a request (public, 条例 第二十九条) and for staff typing in a request that came by
letter, in person, fax or orally; plus the status lookup form."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.core.validators import normalise_code, validate_credit_code, validate_resident_id
from cms.requests.agencies import agencies_for_site, default_organisation
from cms.requests.models import Channel, DeliveryMethod, IdDocumentType, RequestCase
from cms.requests.table_three import ApplicantType

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_PATTERN = re.compile(r"^0\d{9,11}$")
POSTCODE_PATTERN = re.compile(r"^\d{6}$")

APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "info_format",
    "delivery_method",
]


def normalise_phone(value: str) -> str:
    """Digits only: applicants write 0917-3210000, 0917 3210000 or 138 0000 0000."""
    return re.sub(r"[\s\-()（）]", "", value or "")


class RequestForm(forms.ModelForm):
    """The public form. With `site`, the applicant chooses which of the site's agencies the
    request is addressed to (条例 第四条), the site's own agency preselected."""

    class Meta:
        model = RequestCase
        fields = ["organisation", *APPLICANT_FIELDS]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "info_format": forms.RadioSelect,
            "delivery_method": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"organisation": "受理机关"}
        help_texts = {
            "organisation": "请选择负责公开所需信息的行政机关。",
            "applicant_name": "自然人填写姓名，法人或其他组织填写单位全称。",
            "id_number": "自然人必填。",
            "credit_code": "法人或其他组织必填，18位。",
            "phone": "手机或带区号的固定电话；查询办理进度时需要。",
            "description": "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。",
        }
        error_messages = {
            **{field: {"required": "此项为必填项。"} for field in APPLICANT_FIELDS},
            "organisation": {
                "required": "请选择受理申请的机关。",
                "invalid_choice": "请选择本网站的机关。",
            },
        }

    def __init__(self, *args, site=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            agencies = agencies_for_site(site) if site is not None else None
            if agencies is None or not agencies.exists():
                # A site without agencies yet: the case falls to its default agency later.
                del self.fields["organisation"]
            else:
                field = self.fields["organisation"]
                field.queryset = agencies
                field.required = True
                field.empty_label = None
                if not self.is_bound:
                    self.initial.setdefault("organisation", default_organisation(site).pk)
        self.fields["id_type"].required = False
        self.fields["id_type"].choices = [("", "请选择"), *list(IdDocumentType.choices)]
        for name in ("applicant_type", "info_format", "delivery_method"):
            # No blank radio option: a choice must be made.
            self.fields[name].choices = self.fields[name].choices[1:]

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not (MOBILE_PATTERN.match(phone) or LANDLINE_PATTERN.match(phone)):
            raise ValidationError("请填写11位手机号码或带区号的固定电话号码。")
        return phone

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not POSTCODE_PATTERN.match(postcode):
            raise ValidationError("邮政编码应为6位数字。")
        return postcode

    def clean_id_number(self) -> str:
        return normalise_code(self.cleaned_data["id_number"])

    def clean_credit_code(self) -> str:
        return normalise_code(self.cleaned_data["credit_code"])

    def clean(self) -> dict:
        data = super().clean()
        applicant_type = data.get("applicant_type")
        if applicant_type == ApplicantType.NATURAL_PERSON:
            data["credit_code"] = ""
            if not data.get("id_type"):
                self.add_error("id_type", "自然人申请须选择身份证件类型。")
            if not data.get("id_number"):
                self.add_error("id_number", "自然人申请须填写身份证件号码。")
            elif data.get("id_type") == IdDocumentType.RESIDENT_ID:
                try:
                    validate_resident_id(data["id_number"])
                except ValidationError as error:
                    self.add_error("id_number", error)
        elif applicant_type:
            data["id_type"] = ""
            data["id_number"] = ""
            if not data.get("credit_code"):
                self.add_error("credit_code", "法人或其他组织申请须填写统一社会信用代码。")
            else:
                try:
                    validate_credit_code(data["credit_code"])
                except ValidationError as error:
                    self.add_error("credit_code", error)
        delivery = data.get("delivery_method")
        if delivery == DeliveryMethod.POST and not data.get("address"):
            self.add_error("address", "选择邮寄的，须填写通信地址。")
        if delivery == DeliveryMethod.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件的，须填写电子邮箱。")
        if not data.get("email") and not data.get("address"):
            self.add_error("address", "电子邮箱和通信地址至少填写一项。")
        return data


class StaffIntakeForm(RequestForm):
    """A request received on paper, by fax or orally, typed in by staff with its receipt date."""

    channel = forms.ChoiceField(
        label="申请渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_date = forms.DateField(
        label="收到申请日期",
        help_text="当面提交为提交之日；邮寄为签收之日；传真为双方确认之日（条例第三十一条）。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta(RequestForm.Meta):
        fields = ["channel", "received_date", *APPLICANT_FIELDS]

    def clean_received_date(self):
        received = self.cleaned_data["received_date"]
        if received > timezone.localdate():
            raise ValidationError("收到申请日期不能晚于今天。")
        return received


class StatusLookupForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=20)
    phone = forms.CharField(label="申请时填写的联系电话", max_length=20)

    def clean_tracking_code(self) -> str:
        return normalise_code(self.cleaned_data["tracking_code"])

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])
