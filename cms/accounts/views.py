"""两步验证 screens: verification after the password (登录验证), enrolment (设置), the account's
own management page (两步验证) and an administrator's reset of another account's factors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from cms.accounts import actions, devices
from cms.accounts.policy import gate_enabled, must_use_second_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=16,
        help_text="请输入身份验证器中显示的 6 位数字，或一个未用过的恢复码。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def cleaned_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target else reverse("wagtailadmin_home")


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


def _check_code(user, code: str):
    """(device that accepted the code or None, whether a device refused for too many tries)."""
    throttled = False
    # A 6-digit code is for the authenticator, anything else a recovery code: offering a
    # recovery code to the TOTP device would count as a wrong code there and throttle it.
    wants_recovery = not (len(code) == 6 and code.isdigit())
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, StaticDevice) != wants_recovery:
                continue
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                return device, False
    return None, throttled


def verify(request: HttpRequest) -> HttpResponse:
    if not devices.has_second_factor(request.user):
        return redirect(f"{reverse('jiyue_2fa_setup')}?next={_next_url(request)}")
    if _is_verified(request):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = _check_code(request.user, form.cleaned_code())
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = devices.remaining_recovery_codes(request.user)
                actions.record(request, actions.RECOVERY_USED, request.user, remaining=left)
                messages.warning(request, f"您使用了一个恢复码，还剩 {left} 个；请尽快重新生成。")
            else:
                actions.record(request, actions.VERIFIED, request.user)
            return redirect(_next_url(request))
        actions.record(request, actions.VERIFY_FAILED, request.user)
        form.add_error(
            "code",
            "尝试次数过多，请稍等片刻再试。" if throttled else "验证码不正确或已过期，请重新输入。",
        )
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "accounts/verify.html", context)


def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if devices.has_second_factor(user):
        if not _is_verified(request):
            return redirect(f"{reverse('jiyue_2fa_verify')}?next={_next_url(request)}")
        messages.info(request, "您已启用两步验证。如需更换手机，请先在此关闭后重新设置。")
        return redirect("jiyue_2fa_manage")
    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_code()):
            codes = devices.confirm_authenticator(device)
            otp_login(request, device)
            actions.record(request, actions.ENROLLED, user)
            context = {"codes": codes, "next": _next_url(request), "first_time": True}
            return TemplateResponse(request, "accounts/recovery_codes.html", context)
        form.add_error(
            "code", "验证码不正确。请确认手机时间准确，并输入身份验证器中当前的 6 位数字。"
        )
    context = {
        "form": form,
        "next": _next_url(request),
        "secret": devices.secret_for_display(device),
        "required": must_use_second_factor(user),
    }
    return TemplateResponse(request, "accounts/setup.html", context)


def qr_code(request: HttpRequest) -> HttpResponse:
    """The QR code of the authenticator being enrolled; never of a confirmed one."""
    if devices.has_second_factor(request.user):
        raise PermissionDenied("两步验证已启用，二维码不再显示。")
    device = devices.pending_authenticator(request.user)
    response = HttpResponse(devices.qr_svg(devices.provisioning_uri(device)))
    response["Content-Type"] = "image/svg+xml"
    response["Cache-Control"] = "no-store"
    return response


def manage(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "enabled": devices.has_second_factor(user),
        "required": must_use_second_factor(user) and gate_enabled(),
        "remaining": devices.remaining_recovery_codes(user),
    }
    return TemplateResponse(request, "accounts/manage.html", context)


def _require_verified_owner(request: HttpRequest) -> None:
    if not devices.has_second_factor(request.user) or not _is_verified(request):
        raise PermissionDenied("请先完成两步验证。")


@require_POST
def regenerate_codes(request: HttpRequest) -> HttpResponse:
    _require_verified_owner(request)
    codes = devices.new_recovery_codes(request.user)
    actions.record(request, actions.RECOVERY_REGENERATED, request.user)
    context = {"codes": codes, "next": reverse("jiyue_2fa_manage"), "first_time": False}
    return TemplateResponse(request, "accounts/recovery_codes.html", context)


@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    _require_verified_owner(request)
    if must_use_second_factor(request.user) and gate_enabled():
        messages.error(request, "您的账号是审核员或管理员账号，必须使用两步验证，不能关闭。")
        return redirect("jiyue_2fa_manage")
    devices.remove_second_factors(request.user)
    actions.record(request, actions.DISABLED, request.user)
    messages.success(request, "已关闭两步验证。")
    return redirect("jiyue_2fa_manage")


def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """A platform administrator removes another account's factors (lost phone and codes): the
    account enrols again at its next login. Written to the audit log with who did it."""
    if not request.user.is_superuser:
        raise PermissionDenied("只有平台管理员可以重置他人的两步验证。")
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = devices.remove_second_factors(account)
        actions.record(request, actions.RESET, account, actor=request.user, devices=removed)
        messages.success(
            request, f"已重置“{account.get_username()}”的两步验证，其下次登录时需重新设置。"
        )
        return redirect("wagtailusers_users:index")
    context = {"account": account, "enabled": devices.has_second_factor(account)}
    return TemplateResponse(request, "accounts/reset_confirm.html", context)
