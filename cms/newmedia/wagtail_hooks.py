"""Registers the 政务新媒体 admin menu (账号登记, 推送记录), its site scoping, and the 推送去向
item in every page's header and listing menus."""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy

from cms.newmedia.admin_views import NewMediaGroup
from cms.newmedia.models import Account, OutboxEntry
from cms.newmedia.permissions import account_policy, outbox_policy

register_permission_policy(Account, account_policy())
register_permission_policy(OutboxEntry, outbox_policy())


@hooks.register("register_admin_viewset")
def register_newmedia_viewsets() -> NewMediaGroup:
    return NewMediaGroup()


class DistributionMenuItem(PageMenuItem):
    label = "推送去向"
    icon_name = "globe"
    priority = 64

    @property
    def url(self) -> str:
        return reverse("newmedia_outbox:page", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return getattr(self.page.specific_class, "is_column_item", False) and bool(
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def distribution_header_button(page, user, view_name, next_url=None):
    yield DistributionMenuItem(page=page)


@hooks.register("register_page_listing_more_buttons")
def distribution_listing_button(page, user, next_url=None):
    yield DistributionMenuItem(page=page)
