"""Who sees which 政务新媒体 rows (sites.permissions is the one scoping policy): a site's editors
see its accounts and their deliveries; its moderators (site administrators) also register,
change and close accounts and approve, retry or close deliveries; superusers see all. Another
site's rows are simply absent (404)."""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.models import SiteProfile
from sites.permissions import sites_for_user

READ_ACTIONS = frozenset({"view"})


def sites_for(user, actions) -> QuerySet[SiteProfile]:
    return sites_for_user(user, moderated_only=not set(actions) <= READ_ACTIONS)


class SitePolicy(BasePermissionPolicy):
    """Rows reaching a SiteProfile through `site_path` ("site" or "account__site")."""

    def __init__(self, model, site_path: str) -> None:
        super().__init__(model)
        self.site_path = site_path

    def _site_id(self, instance) -> int | None:
        target = instance
        for part in self.site_path.split("__")[:-1]:
            target = getattr(target, part)
        return getattr(target, f"{self.site_path.split('__')[-1]}_id")

    def user_has_permission(self, user, action: str) -> bool:
        return sites_for(user, {action}).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return sites_for(user, {action}).filter(pk=self._site_id(instance)).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return self.model._default_manager.filter(
            **{f"{self.site_path}__in": sites_for(user, actions)}
        )

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        groups = SiteProfile.objects.values("moderators_group")
        if set(actions) <= READ_ACTIONS:
            groups = groups.union(SiteProfile.objects.values("editors_group"))
        return (users.filter(is_superuser=True) | users.filter(groups__in=groups)).distinct()


@cache
def account_policy() -> SitePolicy:
    from cms.newmedia.models import Account

    return SitePolicy(Account, "site")


@cache
def outbox_policy() -> SitePolicy:
    from cms.newmedia.models import OutboxEntry

    return SitePolicy(OutboxEntry, "account__site")
