"""One small form per workflow action on the admin case view: the legal date of the step, what the
action needs (reply type, extension approver …) and the document it produces. Each form knows its
case, so it can name the case's deadline and agencies in its fields and errors; the rules
themselves stay in cms.requests.workflow and cms.requests.replies."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from cms.disclosure.models import Organisation
from cms.requests.agencies import agencies_for_site
from cms.requests.documents import validate_upload
from cms.requests.fees import FeeMethod
from cms.requests.models import DocumentKind, ReplyParticular
from cms.requests.replies import particular_errors
from cms.requests.table_three import ReplyType
from cms.requests.workflow import (
    AUTOMATIC_REPLY_TYPES,
    MAX_EXTENSION_WORKDAYS,
    Action,
    late_reply_message,
)


class ActionForm(forms.Form):
    on = forms.DateField(
        label="办理日期", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    document_kind: str | None = None
    document_required = False

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        if self.document_kind:
            self.fields["document"] = forms.FileField(
                label=DocumentKind(self.document_kind).label,
                required=self.document_required,
                validators=[validate_upload],
                error_messages={"required": f"请上传{DocumentKind(self.document_kind).label}。"},
            )

    def params(self) -> dict:
        """Keyword arguments for workflow.perform besides on/note/documents."""
        return {}


class ConfirmReceiptForm(ActionForm):
    pass


class RequestCorrectionForm(ActionForm):
    document_kind = DocumentKind.CORRECTION_NOTICE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].label = "需要补正的事项（一次性告知）"


class ConsultationForm(ActionForm):
    document_kind = DocumentKind.CONSULTATION_LETTER
    consulted = forms.CharField(label="征求意见对象（第三方或机关名称）", max_length=200)

    def params(self) -> dict:
        return {"consulted": self.cleaned_data["consulted"]}


class ExtendForm(ActionForm):
    # 条例 第三十三条: the extension is told to the applicant; the notice is part of the step.
    document_kind = DocumentKind.EXTENSION_NOTICE
    document_required = True
    days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=MAX_EXTENSION_WORKDAYS, initial=20
    )
    approver = forms.CharField(label="批准人（政府信息公开工作机构负责人）", max_length=50)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))

    def params(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("days", "approver", "reason")}


class LaterDeadlineForm(ActionForm):
    """条例 第三十五条: a reasonable later deadline for a request whose number or frequency clearly
    exceeds a reasonable range, with the reason and the notice to the applicant."""

    document_kind = DocumentKind.LATER_DEADLINE_NOTICE
    document_required = True
    deadline = forms.DateField(
        label="延迟答复的期限",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写延迟答复的期限。", "invalid": "请输入有效的日期。"},
    )
    reason = forms.CharField(
        label="申请数量、频次明显超过合理范围的情况及理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明申请数量、频次明显超过合理范围的情况和延迟答复的理由。"},
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.case is not None and self.case.due_date and deadline <= self.case.due_date:
            raise forms.ValidationError(
                f"延迟答复的期限应晚于当前答复期限（{self.case.due_date:%Y-%m-%d}）。"
            )
        return deadline

    def params(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("deadline", "reason")}


class ReassignForm(ActionForm):
    """条例 第四条: the case goes to the agency of this site that must answer it."""

    organisation = forms.ModelChoiceField(
        label="改派给", queryset=Organisation.objects.none(), empty_label="请选择机关"
    )
    reason = forms.CharField(
        label="改派理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明改派理由。"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            current = self.case.answering_organisation
            agencies = agencies_for_site(self.case.site)
            if current is not None:
                agencies = agencies.exclude(pk=current.pk)
            self.fields["organisation"].queryset = agencies
        self.fields["organisation"].error_messages["invalid_choice"] = "请选择本网站的其他机关。"

    def params(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("organisation", "reason")}


class FeeForm(ActionForm):
    document_kind = DocumentKind.FEE_NOTICE
    fee_method = forms.ChoiceField(label="收费方式（只能选一种）", choices=FeeMethod.choices)
    pages = forms.IntegerField(label="页数（按量计收时填写）", min_value=1, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("fee_method") == FeeMethod.PER_PAGE and not data.get("pages"):
            self.add_error("pages", "按量计收须填写页数。")
        if data.get("fee_method") == FeeMethod.PER_REQUEST:
            data["pages"] = None
        return data

    def params(self) -> dict:
        return {"fee_method": self.cleaned_data["fee_method"], "pages": self.cleaned_data["pages"]}


class CorrectFeeForm(ActionForm):
    """A 更正 of the one fee notice: same method, the first amount stays on record."""

    document_kind = DocumentKind.FEE_CORRECTION_NOTICE
    pages = forms.IntegerField(label="更正后的页数（按量计收时填写）", min_value=1, required=False)
    reason = forms.CharField(
        label="更正理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明更正收费通知的理由。"},
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.case is not None and self.case.fee_method == FeeMethod.PER_PAGE:
            if not data.get("pages"):
                self.add_error("pages", "按量计收的更正须填写更正后的页数。")
        else:
            data["pages"] = None
        return data

    def params(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("pages", "reason")}


class AnswerForm(ActionForm):
    document_kind = DocumentKind.REPLY
    document_required = True
    reply_type = forms.ChoiceField(
        label="答复类型（对应年度报告表三）",
        choices=[c for c in ReplyType.choices if c[0] not in AUTOMATIC_REPLY_TYPES],
    )
    late_reason = forms.CharField(
        label="逾期答复原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="答复日期晚于答复期限的，必须填写。",
    )
    # 条例 第三十六条 particulars, kept as data.
    reply_particular = forms.ChoiceField(
        label="答复情形（条例第三十六条）",
        required=False,
        choices=[("", "其他情形"), *ReplyParticular.choices],
    )
    public_location = forms.CharField(
        label="已公开信息的获取途径", max_length=200, required=False,
        help_text="例如：本机关门户网站“政务公开 › 财政预决算”栏目。",
    )  # fmt: skip
    public_url = forms.URLField(
        label="已公开信息的链接", max_length=500, required=False,
        assume_scheme="https",
        error_messages={"invalid": "请输入以 http:// 或 https:// 开头的完整网址。"},
    )  # fmt: skip
    holding_organisation = forms.ModelChoiceField(
        label="负责公开该信息的机关（本平台机构）",
        queryset=Organisation.objects.select_related("site").order_by(
            "site__sort_order", "sort_order"
        ),
        required=False,
        empty_label="不在列表中，请在下方填写",
    )
    holding_agency_name = forms.CharField(
        label="负责公开该信息的机关名称（不在列表中时填写）", max_length=100, required=False
    )
    holding_agency_contact = forms.CharField(label="该机关联系方式", max_length=100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        due = self.case.due_date if self.case is not None else None
        if due is not None:
            self.fields[
                "late_reason"
            ].help_text = f"答复期限为{due:%Y-%m-%d}；答复日期晚于该日期的，必须填写。"

    def clean(self) -> dict:
        data = super().clean()
        due = self.case.due_date if self.case is not None else None
        on = data.get("on")
        if (
            due is not None
            and on is not None
            and on > due
            and not data.get("late_reason", "").strip()
        ):
            self.add_error("late_reason", late_reply_message(due))
        own = self.case.answering_organisation if self.case is not None else None
        for name, message in particular_errors(data.get("reply_type", ""), data, own=own).items():
            self.add_error(name, message)
        return data

    def params(self) -> dict:
        data = self.cleaned_data
        particulars = {
            name: data.get(name)
            for name in (
                "reply_particular",
                "public_location",
                "public_url",
                "holding_organisation",
                "holding_agency_name",
                "holding_agency_contact",
            )
        }
        return {
            "reply_type": data["reply_type"],
            "late_reason": data.get("late_reason", ""),
            "particulars": particulars,
        }


ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.CONFIRM_RECEIPT: ConfirmReceiptForm,
    Action.REQUEST_CORRECTION: RequestCorrectionForm,
    Action.RECEIVE_CORRECTION: ActionForm,
    Action.CORRECTION_LAPSED: ActionForm,
    Action.START_CONSULTATION: ConsultationForm,
    Action.END_CONSULTATION: ActionForm,
    Action.EXTEND: ExtendForm,
    Action.SET_LATER_DEADLINE: LaterDeadlineForm,
    Action.REASSIGN: ReassignForm,
    Action.REQUEST_FEE: FeeForm,
    Action.CORRECT_FEE: CorrectFeeForm,
    Action.RECEIVE_PAYMENT: ActionForm,
    Action.PAYMENT_LAPSED: ActionForm,
    Action.ANSWER: AnswerForm,
    Action.WITHDRAW: ActionForm,
}
