"""Record-level scoping for Wagtail's generic model views.

Wagtail's generic edit, delete, inspect, history and usage views fetch an object by primary key
and check model-level rights only, so a moderator of one site could open another site's record
by editing the URL. These views fetch the object from what the viewset's permission policy
grants the user for the view's action instead: another site's record is a 404, like a missing
one. Every site-scoped admin screen uses `ScopedModelViewSet` (or the mixin)."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet


class ScopedObjectMixin:
    """`get_object` within `permission_policy.instances_user_has_any_permission_for`."""

    object_actions: tuple[str, ...] = ("view", "change")

    def get_object(self, queryset: Any = None) -> Any:
        cached = getattr(self, "object", None)
        if cached is not None:
            return cached
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.object_actions
        )
        return get_object_or_404(allowed, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_actions = ("delete",)


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose single-object views are scoped by its permission policy. Copying
    is off: a copy would start from a record the user may not be allowed to see."""

    copy_view_enabled = False
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
