"""Forms of the 信息报送 admin screens."""

from __future__ import annotations

from django import forms
from wagtail.models import Site

from cms.sharing.operations import site_name_of, site_names


class ColumnChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if not hasattr(self, "_names"):
            self._names = site_names()
        return f"{site_name_of(obj, self._names)} › {obj.title}"


class SubmitForm(forms.Form):
    column = ColumnChoiceField(
        label="报送到",
        queryset=None,
        empty_label="请选择接收网站的栏目",
        error_messages={
            "required": "请选择报送的目标栏目。",
            "invalid_choice": "该栏目不能接收这篇稿件，请重新选择。",
        },
    )
    note = forms.CharField(
        label="报送说明",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="可选，例如稿件的重要性或建议的发布位置。",
    )

    def __init__(self, *args, columns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("accept", "采用"), ("reject", "不采用")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择采用或不采用。"},
    )
    reason = forms.CharField(
        label="审核意见",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="不采用时必须填写理由，报送单位将看到这条意见。",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "请填写不采用的理由，报送单位将看到这条意见。")
        return data


class PolicyForm(forms.Form):
    auto_accept_from = forms.ModelMultipleChoiceField(
        label="自动采用以下网站的报送",
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="这些网站报送的稿件无需审核直接采用；在市级门户上，其工作动态也直接进入站群要闻。",
    )

    def __init__(self, *args, site: Site, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["auto_accept_from"]
        field.queryset = Site.objects.exclude(pk=site.pk).order_by("site_name", "pk")
        field.label_from_instance = lambda s: s.site_name or s.hostname
