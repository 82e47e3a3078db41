"""One small form per workflow action on the admin case view: the legal date of the step, what the
action needs (reply type, extension approver …) and the document it produces."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from cms.requests.documents import validate_upload
from cms.requests.fees import FeeMethod
from cms.requests.models import DocumentKind
from cms.requests.table_three import ReplyType
from cms.requests.workflow import AUTOMATIC_REPLY_TYPES, MAX_EXTENSION_WORKDAYS, Action


class ActionForm(forms.Form):
    on = forms.DateField(
        label="办理日期", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    document_kind: str | None = None
    document_required = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.document_kind:
            self.fields["document"] = forms.FileField(
                label=DocumentKind(self.document_kind).label,
                required=self.document_required,
                validators=[validate_upload],
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
    document_kind = DocumentKind.EXTENSION_NOTICE
    days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=MAX_EXTENSION_WORKDAYS, initial=20
    )
    approver = forms.CharField(label="批准人（政府信息公开工作机构负责人）", max_length=50)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))

    def params(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("days", "approver", "reason")}


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


class AnswerForm(ActionForm):
    document_kind = DocumentKind.REPLY
    document_required = True
    reply_type = forms.ChoiceField(
        label="答复类型（对应年度报告表三）",
        choices=[c for c in ReplyType.choices if c[0] not in AUTOMATIC_REPLY_TYPES],
    )

    def params(self) -> dict:
        return {"reply_type": self.cleaned_data["reply_type"]}


ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.CONFIRM_RECEIPT: ConfirmReceiptForm,
    Action.REQUEST_CORRECTION: RequestCorrectionForm,
    Action.RECEIVE_CORRECTION: ActionForm,
    Action.CORRECTION_LAPSED: ActionForm,
    Action.START_CONSULTATION: ConsultationForm,
    Action.END_CONSULTATION: ActionForm,
    Action.EXTEND: ExtendForm,
    Action.REQUEST_FEE: FeeForm,
    Action.RECEIVE_PAYMENT: ActionForm,
    Action.PAYMENT_LAPSED: ActionForm,
    Action.ANSWER: AnswerForm,
    Action.WITHDRAW: ActionForm,
}
