"""Who sees which participation records in the admin: the staff (editors and moderators) of the
site a consultation or interview belongs to; superusers see all. Nobody adds records by hand:
they come from the public forms."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.models import SiteProfile
from sites.permissions import sites_for_user

READ_ACTIONS = frozenset({"view", "change"})


def consultations_for_user(user) -> QuerySet:
    """ConsultationPages below the home of a site the user is staff of."""
    from cms.participation.models import ConsultationPage

    roots = list(
        sites_for_user(user).values_list("site__root_page__path", flat=True).exclude(site=None)
    )
    if not roots:
        return ConsultationPage.objects.none()
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    return ConsultationPage.objects.filter(condition)


class SiteRecordPolicy(BasePermissionPolicy):
    """Records with a `site` FK: the site's staff view and moderate them; nobody adds or
    deletes them in the admin (a rejected question stays, with its status, for auditors)."""

    def user_has_permission(self, user, action: str) -> bool:
        return action in READ_ACTIONS and sites_for_user(user).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return action in READ_ACTIONS and sites_for_user(user).filter(pk=instance.site_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not set(actions) & READ_ACTIONS:
            return self.model.objects.none()
        return self.model.objects.filter(site__in=sites_for_user(user).values("pk"))

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & READ_ACTIONS:
            return users.filter(is_superuser=True)
        groups = list(SiteProfile.objects.values_list("editors_group", flat=True)) + list(
            SiteProfile.objects.values_list("moderators_group", flat=True)
        )
        return (users.filter(is_superuser=True) | users.filter(groups__in=groups)).distinct()
