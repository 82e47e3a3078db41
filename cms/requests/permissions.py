"""Who sees which request cases in the admin: superusers see all; other staff see the cases of the
sites whose editors or moderators group they belong to. Cases are never deleted (条例 第四十五条)."""

from __future__ import annotations

from django.db.models import QuerySet

from sites.scope import SiteScopedPolicy


class RequestCasePermissionPolicy(SiteScopedPolicy):
    editor_actions = None
    denied_actions = frozenset({"delete"})


def cases_for_user(user) -> QuerySet:
    from cms.requests.models import RequestCase

    return RequestCasePermissionPolicy(RequestCase).instances_user_has_any_permission_for(
        user, {"view"}
    )
