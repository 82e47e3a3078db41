"""Audit-log actions of account security, written to Wagtail's log on the account concerned."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.log_actions import log

from cms.core.accounts import client_address

ENROLLED = "jiyue.2fa.enrolled"
VERIFIED = "jiyue.2fa.verified"
VERIFY_FAILED = "jiyue.2fa.failed"
RECOVERY_USED = "jiyue.2fa.recovery_used"
RECOVERY_REGENERATED = "jiyue.2fa.recovery_regenerated"
DISABLED = "jiyue.2fa.disabled"
RESET = "jiyue.2fa.reset"
IDLE_LOGOUT = "jiyue.logout.idle"

LABELS = {
    ENROLLED: ("启用两步验证", "已启用两步验证"),
    VERIFIED: ("两步验证通过", "两步验证通过"),
    VERIFY_FAILED: ("两步验证失败", "两步验证失败"),
    RECOVERY_USED: ("使用恢复码登录", "已使用恢复码登录"),
    RECOVERY_REGENERATED: ("重新生成恢复码", "已重新生成恢复码"),
    DISABLED: ("关闭两步验证", "已关闭两步验证"),
    RESET: ("重置两步验证", "管理员已重置两步验证"),
    IDLE_LOGOUT: ("超时退出", "长时间未操作，已自动退出"),
}


def _concrete(user):
    # request.user is a SimpleLazyObject (django-otp wraps it); the log wants the model itself.
    return user._wrapped if isinstance(user, SimpleLazyObject) else user


def record(request: HttpRequest | None, action: str, account, actor=None, **data) -> None:
    account = _concrete(account)
    log(
        instance=account,
        action=action,
        user=_concrete(actor) if actor is not None else account,
        data={"ip": client_address(request), **data},
    )
