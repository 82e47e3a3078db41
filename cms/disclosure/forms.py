"""Admin form of DisclosurePage: editors choose among the organisations of the site they are
editing (joint documents name the lead agency, which is one of them)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm


class DisclosurePageForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
