"""Registers the 政民互动 admin menu (留言办理: inbox and message view) and its permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.interaction.admin_views import InteractionGroup
from cms.interaction.models import Message
from cms.interaction.permissions import MessagePermissionPolicy

register_permission_policy(Message, MessagePermissionPolicy(Message))


@hooks.register("register_admin_viewset")
def register_interaction_viewsets() -> InteractionGroup:
    return InteractionGroup()
