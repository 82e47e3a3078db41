"""Stand-in for the lead's cms.pages.updates until it lands on main (CONTRACT-9). Removed then."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

try:  # pragma: no cover - the real module, once merged
    from cms.pages.updates import content_id, with_update_dates
except ImportError:  # pragma: no cover

    def content_id(page) -> str:
        return str(page.translation_key)

    def with_update_dates(queryset: QuerySet) -> QuerySet:
        return queryset.annotate(
            major_updated_at=Coalesce(F("last_published_at"), F("first_published_at"))
        )


try:  # pragma: no cover
    from cms.pages.signals import content_changed
except ImportError:  # pragma: no cover
    from django.dispatch import Signal

    content_changed = Signal()
__all__ = ["content_changed", "content_id", "with_update_dates"]
