"""Admin form of ServiceGuidePage: the 办理机构 choices are the organisations of the site being
edited, and an action that would make the guide public (publish, submit for review, a workflow
action, or any save while in review, since approval publishes the latest revision) is refused
with every missing element named on its field."""

from __future__ import annotations

from typing import Any

from cms.core.page_forms import JiyuePageForm
from cms.services.rules import REQUIRED_ELEMENTS, missing_elements, publication_refusal

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class ServiceGuidePageForm(JiyuePageForm):
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

    def makes_public(self) -> bool:
        if any(self.data.get(action) for action in PUBLISHING_ACTIONS):
            return True
        return bool(self.instance.pk and self.instance.workflow_in_progress)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.makes_public():
            return cleaned
        missing = missing_elements(cleaned)
        if missing:
            fields = dict(REQUIRED_ELEMENTS)
            for label in missing:
                self.add_error(fields[label][0], f"发布前必须填写“{label}”。")
            self.add_error(None, publication_refusal(missing))
        return cleaned
