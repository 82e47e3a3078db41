import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import TOTP

PASSWORD = "Zhengwu-2026-secret"


@pytest.fixture
def gate_on(settings):
    """The admin's second-factor gate as in every real environment (off in test settings)."""
    settings.JIYUE_REQUIRE_2FA = True


@pytest.fixture
def moderator(cluster):
    user = get_user_model().objects.create_user("anning_mod", password=PASSWORD)
    user.groups.add(cluster.county_a.moderators_group)
    return user


def login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def code_for(device, steps_ahead: int = 0) -> str:
    """The code the user's phone shows: computed from the device key, as an authenticator does.
    `steps_ahead` picks the next 30-second code (within the tolerated drift), since a device
    accepts each code once."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)
