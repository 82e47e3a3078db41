"""Admin integration of the page types: the 撤稿 button, its URLs, and the log actions of 撤稿 and
of the two update kinds (so the page history shows 重要更新 / 一般修改 with the 修改说明)."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.pages import views
from cms.pages.updates import MAJOR_UPDATE_ACTION, MINOR_UPDATE_ACTION
from cms.pages.withdrawal import REINSTATE_ACTION, WITHDRAW_ACTION


@hooks.register("register_admin_urls")
def withdrawal_urls():
    return [
        path("pages/<int:page_id>/withdraw/", views.withdraw, name="jiyue_withdraw_page"),
        path("pages/<int:page_id>/reinstate/", views.reinstate, name="jiyue_reinstate_page"),
    ]


class WithdrawMenuItem(PageMenuItem):
    label = "撤稿"
    icon_name = "warning"
    priority = 62

    @property
    def url(self) -> str:
        return reverse("jiyue_withdraw_page", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        specific_class = self.page.specific_class
        return (
            self.page.live
            and getattr(specific_class, "is_column_item", False)
            and self.page.permissions_for_user(user).can_unpublish()
        )


@hooks.register("register_page_header_buttons")
def withdrawal_header_button(page, user, view_name, next_url=None):
    yield WithdrawMenuItem(page=page)


@hooks.register("register_page_listing_more_buttons")
def withdrawal_listing_button(page, user, next_url=None):
    yield WithdrawMenuItem(page=page)


@hooks.register("register_log_actions")
def withdrawal_log_actions(actions):
    actions.register_action(WITHDRAW_ACTION, "撤稿", "已撤稿")
    actions.register_action(REINSTATE_ACTION, "恢复撤稿", "已恢复显示")


@hooks.register("register_log_actions")
def update_kind_log_actions(actions):
    actions.register_action(MAJOR_UPDATE_ACTION, "重要更新", "以重要更新发布")
    actions.register_action(MINOR_UPDATE_ACTION, "一般修改", "以一般修改发布")


@hooks.register("construct_page_action_menu")
def submit_for_review_first(menu_items, request, context) -> None:
    """For an editor who cannot publish, 提交审核 is what the page is for (先审后发): make it the
    primary button instead of leaving it behind the arrow next to 保存草稿."""
    names = [item.name for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    menu_items.insert(0, menu_items.pop(names.index("action-submit")))
