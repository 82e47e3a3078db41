"""Who sees which messages in the admin. Superusers see all. Other staff see the messages their
sites handle now, and, read-only, those their sites handed on by transfer (the history is visible
on both sides). Only the handling site's staff act on a message; only its moderators review
replies (cms.interaction.workflow). Messages are never deleted."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.scope import site_staff_users, sites_for_user


def messages_for_user(user) -> QuerySet:
    from cms.interaction.models import Action, Message, MessageEvent

    if user.is_active and user.is_superuser:
        return Message.objects.all()
    site_ids = sites_for_user(user).values("pk")
    handed_on = MessageEvent.objects.filter(
        message=OuterRef("pk"), action=Action.TRANSFER, from_site__in=site_ids
    )
    return Message.objects.filter(site__in=site_ids) | Message.objects.filter(Exists(handed_on))


def may_act(user, message) -> bool:
    if user.is_active and user.is_superuser:
        return True
    return sites_for_user(user).filter(pk=message.site_id).exists()


class MessagePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action: str) -> bool:
        if action in {"delete", "add"}:
            return False
        return sites_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action in {"delete", "add"}:
            return False
        return messages_for_user(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if set(actions) - {"delete", "add"}:
            return messages_for_user(user)
        return messages_for_user(user).none()

    def users_with_any_permission(self, actions):
        return site_staff_users()
