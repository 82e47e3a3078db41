"""设置 › 登录锁定: platform administrators see the accounts and addresses locked out by failed
logins and unlock them; each unlock is written to the audit log. Accounts are cluster-wide, so
only superusers (the platform's administrators) reach this screen."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

UNLOCK_ACTION = "jiyue.login.unlocked"


def _require_superuser(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied("只有平台管理员可以查看和解除登录锁定。")


def index(request: HttpRequest) -> HttpResponse:
    _require_superuser(request)
    locked = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")
    return TemplateResponse(
        request,
        "core/lockouts.html",
        {"attempts": locked, "limit": settings.AXES_FAILURE_LIMIT},
    )


@require_POST
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    _require_superuser(request)
    attempt = AccessAttempt.objects.filter(pk=pk).first()
    if attempt is None:
        messages.error(request, "该锁定记录已不存在，可能已自动解除。")
        return redirect("jiyue_lockouts")
    if attempt.username:
        reset(username=attempt.username)
    if attempt.ip_address:
        reset(ip=attempt.ip_address)
    user = get_user_model().objects.filter(username=attempt.username).first()
    if user is not None:
        log(instance=user, action=UNLOCK_ACTION, user=request.user, data={"ip": attempt.ip_address})
    messages.success(request, f"已解除“{attempt.username or attempt.ip_address}”的登录锁定。")
    return redirect("jiyue_lockouts")
