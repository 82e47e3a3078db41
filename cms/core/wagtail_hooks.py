"""Admin integration of cms.core: the 登录锁定 screen, the log actions of logins, and the check
before any document download (cms.core.file_privacy)."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.core import lockouts
from cms.core.accounts import LOGIN_FAILED_ACTION, LOGIN_SUCCEEDED_ACTION, LOGOUT_ACTION
from cms.core.file_privacy import refuse_unpublished


@hooks.register("register_admin_urls")
def lockout_urls():
    return [
        path("login-lockouts/", lockouts.index, name="jiyue_lockouts"),
        path("login-lockouts/<int:pk>/unlock/", lockouts.unlock, name="jiyue_unlock"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockout_menu_item():
    return SuperuserMenuItem("登录锁定", reverse("jiyue_lockouts"), icon_name="lock", order=900)


@hooks.register("register_log_actions")
def login_log_actions(actions):
    actions.register_action(LOGIN_SUCCEEDED_ACTION, "登录成功", "登录成功")
    actions.register_action(LOGIN_FAILED_ACTION, "登录失败", "登录失败")
    actions.register_action(LOGOUT_ACTION, "退出登录", "退出登录")
    actions.register_action(lockouts.UNLOCK_ACTION, "解除登录锁定", "已解除登录锁定")


# Before Wagtail's own collection-restriction hook (order 0): unpublished files are 404.
hooks.register("before_serve_document", refuse_unpublished, order=-10)
