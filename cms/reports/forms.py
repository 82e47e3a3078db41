"""The form for the figures staff enter, shared by the admin screen and the command's `--figures`
file, so both refuse the same inconsistent entries with the same message naming the cell."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.disclosure.models import organisations_for_user
from cms.reports.checks import table_four_errors
from cms.reports.generation import ReportError, check_year
from cms.reports.layout import TABLE_FOUR_FIELDS
from cms.reports.models import AnnualReport

MANUAL_FIELDS = (
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_amount",
    *TABLE_FOUR_FIELDS,
    "overview",
    "problems",
    "other_matters",
)
CELL_FIELDS = MANUAL_FIELDS[:-3]


def cell_label(form: forms.Form, name: str) -> str:
    label = str(form.fields[name].label)
    return label if label.startswith("表") else f"表二 {label}"


class ManualFiguresMixin:
    """Refuses entries that break a check; every message starts with the cell it is about."""

    def clean(self):
        cleaned = super().clean()
        for name, message in table_four_errors(
            {f: cleaned.get(f) for f in TABLE_FOUR_FIELDS}
        ).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def _post_clean(self) -> None:
        # Name the cell in field errors (“表二 行政许可 本年处理决定数量：请输入不小于0的整数”), so
        # the command's one-line error and the admin summary both say where the problem is.
        super()._post_clean()
        for name in list(self.errors):
            if name in CELL_FIELDS:
                label = cell_label(self, name)
                self.errors[name] = self.error_class(
                    [m if m.startswith("表") else f"{label}：{m}" for m in self.errors[name]]
                )


class AnnualReportForm(ManualFiguresMixin, WagtailAdminModelForm):
    class Meta:
        model = AnnualReport
        fields = ["organisation", "year", *MANUAL_FIELDS]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            if self.instance.pk:
                # The report's subject is fixed once created; its figures depend on it.
                self.fields["organisation"].disabled = True
                self.fields["year"].disabled = True
            elif self.for_user is not None:
                # Every agency on the user's sites reports for itself (条例 第四十九条).
                self.fields["organisation"].queryset = organisations_for_user(self.for_user)
        for name in CELL_FIELDS:
            self.fields[name].widget.attrs.setdefault("min", 0)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not self.instance.pk:
            try:
                check_year(year)
            except ReportError as error:
                raise forms.ValidationError(error.messages) from error
        return year


class FiguresForm(ManualFiguresMixin, forms.ModelForm):
    """The command's `--figures file.json`: any subset of the manual fields, others kept."""

    class Meta:
        model = AnnualReport
        fields = list(MANUAL_FIELDS)

    def __init__(self, data: dict, *, instance: AnnualReport) -> None:
        current = {name: getattr(instance, name) for name in MANUAL_FIELDS}
        super().__init__({**current, **data}, instance=instance)
        unknown = sorted(set(data) - set(MANUAL_FIELDS))
        self.unknown_fields = unknown
