"""Who sees which request cases in the admin: superusers see all; other staff see the cases of the
sites whose editors or moderators group they belong to. Cases are never deleted (条例 第四十五条)."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.models import SiteProfile
from sites.permissions import sites_for_user


def cases_for_user(user) -> QuerySet:
    from cms.requests.models import RequestCase

    if user.is_active and user.is_superuser:
        return RequestCase.objects.all()
    return RequestCase.objects.filter(site__in=sites_for_user(user).values("pk"))


class RequestCasePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action: str) -> bool:
        if action == "delete":
            return False
        return sites_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action == "delete":
            return False
        return sites_for_user(user).filter(pk=instance.site_id).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if set(actions) - {"delete"}:
            return cases_for_user(user)
        return cases_for_user(user).none()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        groups = list(SiteProfile.objects.values_list("editors_group", flat=True)) + list(
            SiteProfile.objects.values_list("moderators_group", flat=True)
        )
        users = get_user_model().objects.filter(is_active=True)
        return (users.filter(is_superuser=True) | users.filter(groups__in=groups)).distinct()
