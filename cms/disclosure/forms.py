"""Admin form of DisclosurePage: editors choose among the organisations of the site they are
editing (joint documents name the lead agency, which is one of them); the 文号 is normalised and
checked (GB/T 9704, cms/disclosure/document_numbers.py); a 文号 the agency already used needs an
explicit 确认重复文号, recorded with who and when; 信息类别 left blank comes from the column the page
is created in, as its help text promises."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from cms.core.page_forms import JiyuePageForm
from cms.disclosure.document_numbers import document_number_error, normalise_document_number


class DisclosurePageForm(JiyuePageForm):
    confirm_duplicate_number = forms.BooleanField(
        label="确认重复文号",
        required=False,
        help_text="文号与本机关已有的公开信息相同时，确属同一文号才勾选；确认人和时间会被记录。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_organisations()
        confirm = self.fields.get("confirm_duplicate_number")
        if confirm is not None and self.instance.duplicate_number_confirmed:
            confirmed_at = self.instance.duplicate_number_confirmed_at
            when = (
                timezone.localtime(confirmed_at).strftime("%Y-%m-%d %H:%M") if confirmed_at else ""
            )
            confirm.help_text = (
                f"重复文号“{self.instance.duplicate_number_confirmed}”已由"
                f"{self.instance.duplicate_number_confirmed_by}于{when}确认。"
            )

    def _limit_organisations(self) -> None:
        field = self.fields.get("organisation")
        if field is None:
            return
        from cms.disclosure.models import Organisation, organisations_for_user

        site_page = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        choices = Organisation.objects.none()
        if site_page is not None:
            ancestors = site_page.get_ancestors(inclusive=True)
            choices = Organisation.objects.filter(site__site__root_page__in=ancestors)
        if not choices.exists() and self.for_user is not None:
            choices = organisations_for_user(self.for_user)
        field.queryset = choices.order_by("sort_order", "pk")
        field.required = True

    def clean_document_number(self) -> str:
        number = normalise_document_number(self.cleaned_data.get("document_number"))
        if message := document_number_error(number, timezone.localdate()):
            raise forms.ValidationError(message)
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "category" in self.fields and not cleaned.get("category"):
            from cms.disclosure.models.pages import category_for_column

            # A new page has no parent yet when the model validates it: use the column it is
            # being created in (an existing page's model looks up its own parent).
            column = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            if category := category_for_column(column):
                cleaned["category"] = category
        self._check_duplicate_number(cleaned)
        return cleaned

    def _check_duplicate_number(self, cleaned: dict[str, Any]) -> None:
        number = cleaned.get("document_number")
        organisation = cleaned.get("organisation")
        if not number or organisation is None:
            return
        page = self.instance
        if page.duplicate_number_confirmed == number:
            return  # confirmed earlier, for this very number
        duplicates = self._meta.model.objects.filter(
            organisation=organisation, document_number=number
        )
        if page.pk:
            # The same record on other sites (aliases) is not a second use of the number.
            duplicates = duplicates.exclude(pk=page.pk).exclude(alias_of_id=page.pk)
        if page.alias_of_id:
            duplicates = duplicates.exclude(pk=page.alias_of_id).exclude(
                alias_of_id=page.alias_of_id
            )
        other = duplicates.order_by("pk").only("title").first()
        if other is None:
            return
        if not cleaned.get("confirm_duplicate_number"):
            self.add_error(
                "document_number",
                f"本机关已有文号为“{number}”的公开信息《{other.title}》。"
                "如确属同一文号，请勾选“确认重复文号”后再保存。",
            )
            return
        page.duplicate_number_confirmed = number
        page.duplicate_number_confirmed_by = (
            self.for_user.get_username() if self.for_user is not None else ""
        )
        page.duplicate_number_confirmed_at = timezone.now()
