"""Wagtail's external-link chooser with a form that survives a POST without its URL field.

Wagtail 8's `URLOrAbsolutePathField.to_python` calls `.startswith` on the missing value (None)
and the view answers 500; here a missing URL is an empty one, so the form says 此字段是必填项."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.views import chooser


class _URLOrAbsolutePathField(URLOrAbsolutePathField):
    def to_python(self, value):
        return super().to_python(value or "")


class _ExternalLinkChooserForm(ExternalLinkChooserForm):
    url = _URLOrAbsolutePathField(required=True, label=_("URL"))


class ExternalLinkView(chooser.ExternalLinkView):
    form_class = _ExternalLinkChooserForm


external_link = require_admin_access(ExternalLinkView.as_view())
