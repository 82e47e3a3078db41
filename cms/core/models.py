"""Abstract base for every Jiyue page: rich text is sanitised before it is validated or stored, and
every page can describe itself in the `<meta>` tags the national page-design annex requires."""

from __future__ import annotations

from typing import Any

from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.core.sanitize import sanitize_html


class BasePage(Page):
    """Parent of all Jiyue page types."""

    # Column lists and aggregations include pages of types that set this.
    is_column_item = False
    # STANDARDS.md §3 ColumnType of the page when it is itself a column-level page.
    meta_column_type: str | None = None

    class Meta:
        abstract = True

    def sanitize_rich_text(self) -> None:
        for field in self._meta.get_fields():
            if isinstance(field, RichTextField):
                setattr(self, field.attname, sanitize_html(getattr(self, field.attname)))

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.sanitize_rich_text()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sanitize_rich_text()
        super().save(*args, **kwargs)

    def page_meta(self) -> dict[str, str]:
        """Page-kind `<meta>` tags (STANDARDS.md §3), without the per-site ones."""
        return {}
