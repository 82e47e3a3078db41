"""The second factors of an account: one TOTP authenticator (an app on the user's phone) and one
set of single-use recovery codes (django-otp static tokens) for when the phone is lost."""

from __future__ import annotations

import io

import segno
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"
RECOVERY_CODE_COUNT = 10
ISSUER = "集约政府网站平台"


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per account; a new key each enrolment
    is avoided so that reloading the page keeps the QR code the user has just scanned)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    # django-otp's config_url names the issuer from OTP_TOTP_ISSUER.
    return device.config_url


def qr_svg(text: str) -> bytes:
    """The QR code as SVG, drawn here: the TOTP key never leaves the server for a QR service."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False)
    return buffer.getvalue()


def secret_for_display(device: TOTPDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """Make `device` the account's authenticator; returns fresh recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes; the codes are returned once and shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_second_factors(user) -> int:
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed
