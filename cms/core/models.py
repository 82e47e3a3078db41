"""Abstract base for every Jiyue page: rich text is sanitised before it is validated or stored,
every page can describe itself in the `<meta>` tags the national page-design annex requires, and
every edit declares its update kind (重要更新 / 一般修改), recorded against the revision it saves."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.utils.decorators import cached_classmethod

from cms.core.page_forms import CHANGE_NOTE_FIELD, UPDATE_KIND_FIELD, JiyuePageForm
from cms.core.sanitize import sanitize_html
from cms.core.update_kinds import PENDING_INTENT_ATTR

UPDATE_PANEL = MultiFieldPanel(
    [FieldPanel(UPDATE_KIND_FIELD), FieldPanel(CHANGE_NOTE_FIELD)], heading="本次更新"
)


class BasePage(Page):
    """Parent of all Jiyue page types."""

    # Column lists and aggregations include pages of types that set this.
    is_column_item = False
    # STANDARDS.md §3 ColumnType of the page when it is itself a column-level page.
    meta_column_type: str | None = None

    base_form_class = JiyuePageForm

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs, with the 本次更新 choice closing the content tab of every page type."""
        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        tabs = [ObjectList([*cls.content_panels, UPDATE_PANEL], heading=gettext_lazy("Content"))]
        if cls.promote_panels:
            tabs.append(ObjectList(cls.promote_panels, heading=gettext_lazy("Promote")))
        if cls.settings_panels:
            tabs.append(ObjectList(cls.settings_panels, heading=gettext_lazy("Settings")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    def save_revision(self, *args: Any, **kwargs: Any):
        """Save the revision and record the update kind the editor chose for it, if a form did."""
        revision = super().save_revision(*args, **kwargs)
        intent = self.__dict__.pop(PENDING_INTENT_ATTR, None)
        if intent is not None:
            from cms.pages.updates import record_intent

            record_intent(revision, intent)
        return revision

    def sanitize_rich_text(self) -> None:
        for field in self._meta.get_fields():
            if isinstance(field, RichTextField):
                setattr(self, field.attname, sanitize_html(getattr(self, field.attname)))

    def _set_short_slug(self) -> None:
        """Code that adds a page without a slug (imports…) gets a short one, not its title;
        before Wagtail's `_set_core_field_defaults`, which both cleans call first."""
        if not self.slug and self.title and self.depth:
            from cms.core.slugs import short_slug

            self.slug = short_slug(self.title, self.get_parent(), self)

    def minimal_clean(self) -> None:
        self._set_short_slug()
        super().minimal_clean()

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.sanitize_rich_text()
        self._set_short_slug()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sanitize_rich_text()
        super().save(*args, **kwargs)

    def page_meta(self) -> dict[str, str]:
        """Page-kind `<meta>` tags (STANDARDS.md §3), without the per-site ones."""
        return {}
