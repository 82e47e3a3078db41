"""Admin integration: the 2FA screens and account-menu entry, the reset button on the user
listing, the 审计日志导出 menu item and the log actions of account security."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from cms.accounts import actions, auditlog, views


@hooks.register("register_admin_urls")
def account_security_urls():
    return [
        path("2fa/", views.manage, name="jiyue_2fa_manage"),
        path("2fa/verify/", views.verify, name="jiyue_2fa_verify"),
        path("2fa/setup/", views.setup, name="jiyue_2fa_setup"),
        path("2fa/setup/qr.svg", views.qr_code, name="jiyue_2fa_qr"),
        path("2fa/recovery-codes/", views.regenerate_codes, name="jiyue_2fa_regenerate"),
        path("2fa/disable/", views.disable, name="jiyue_2fa_disable"),
        path("2fa/reset/<int:user_id>/", views.reset, name="jiyue_2fa_reset"),
        path("audit-log/export/", auditlog.export_view, name="jiyue_audit_log_export"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("jiyue_2fa_manage"),
        "label": "两步验证",
        "help_text": "用手机身份验证器保护账号，管理恢复码。",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if request_user.is_superuser and request_user.pk != user.pk:
        yield ListingButton("重置两步验证", reverse("jiyue_2fa_reset", args=[user.pk]), priority=90)


@hooks.register("register_reports_menu_item")
def audit_log_export_item():
    return auditlog.ExportMenuItem(
        "审计日志导出", reverse("jiyue_audit_log_export"), icon_name="download", order=950
    )


@hooks.register("register_log_actions")
def account_security_log_actions(registry):
    for action, (label, message) in actions.LABELS.items():
        registry.register_action(action, label, message)
