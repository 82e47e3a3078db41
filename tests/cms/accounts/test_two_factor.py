"""两步验证 (等保 2.0 三级 身份鉴别): a moderator with the right password does not reach the
dashboard without the second factor; enrolment, verification, single-use recovery codes, the
account's own page and an administrator's reset, each written to the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from cms.accounts import actions, devices
from tests.cms.accounts.conftest import PASSWORD, code_for, login
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
HOST = "www.localhost"


def actions_of(user) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    )


def enrol(client, user) -> list[str]:
    """Password already given: scan (read the pending key), confirm a code; the recovery codes."""
    page = client.get(reverse("jiyue_2fa_setup"))
    assert page.status_code == 200 and "扫描下方二维码" in page.content.decode()
    qr = client.get(reverse("jiyue_2fa_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    device.throttle_reset()  # a wrong code before waits a growing delay (django-otp throttling)
    done = client.post(reverse("jiyue_2fa_setup"), {"code": code_for(device)})
    assert done.status_code == 200 and "恢复码只显示这一次" in done.content.decode()
    return list(done.context["codes"])


def test_a_moderator_needs_the_second_factor_for_the_dashboard(gate_on, moderator):
    client = host_client(HOST)
    assert login(client, "anning_mod").status_code == 302
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("jiyue_2fa_setup"))
    # Every other admin screen is closed as well, not only the dashboard.
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 302
    wrong = client.post(reverse("jiyue_2fa_setup"), {"code": "000000"})
    assert "验证码不正确" in wrong.content.decode()

    codes = enrol(client, moderator)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert actions.ENROLLED in actions_of(moderator)
    # Once enrolled, the QR code (the key) is never shown again.
    assert client.get(reverse("jiyue_2fa_qr")).status_code in (302, 403)

    # The next login: password, then the code from the phone.
    again = host_client(HOST)
    login(again, "anning_mod")
    home = again.get(reverse("wagtailadmin_home"))
    assert home["Location"].startswith(reverse("jiyue_2fa_verify"))
    refused = again.post(reverse("jiyue_2fa_verify"), {"code": "123456"})
    assert refused.status_code == 200 and "验证码不正确或已过期" in refused.content.decode()
    assert again.get(reverse("wagtailadmin_home")).status_code == 302
    device = TOTPDevice.objects.get(user=moderator, confirmed=True)
    device.throttle_reset()
    verified = again.post(
        reverse("jiyue_2fa_verify"), {"code": code_for(device, steps_ahead=1), "next": "/admin/"}
    )
    assert verified.status_code == 302 and verified["Location"] == "/admin/"
    assert again.get(reverse("wagtailadmin_home")).status_code == 200
    logged = actions_of(moderator)
    assert actions.VERIFY_FAILED in logged and actions.VERIFIED in logged


def test_a_recovery_code_works_once(gate_on, moderator):
    client = host_client(HOST)
    login(client, "anning_mod")
    code = enrol(client, moderator)[0]

    first = host_client(HOST)
    login(first, "anning_mod")
    used = first.post(reverse("jiyue_2fa_verify"), {"code": code.upper()})
    assert used.status_code == 302
    assert first.get(reverse("wagtailadmin_home")).status_code == 200
    assert StaticToken.objects.filter(device__user=moderator).count() == 9

    second = host_client(HOST)
    login(second, "anning_mod")
    reused = second.post(reverse("jiyue_2fa_verify"), {"code": code})
    assert "验证码不正确" in reused.content.decode()
    assert second.get(reverse("wagtailadmin_home")).status_code == 302
    assert actions.RECOVERY_USED in actions_of(moderator)


def test_recovery_codes_are_regenerated_and_a_moderator_cannot_switch_off(gate_on, moderator):
    client = host_client(HOST)
    login(client, "anning_mod")
    old = enrol(client, moderator)
    page = client.get(reverse("jiyue_2fa_manage")).content.decode()
    assert "剩余恢复码：10 个" in page and "不能关闭" in page
    fresh = client.post(reverse("jiyue_2fa_regenerate")).context["codes"]
    assert not set(fresh) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True)
    ) == set(fresh)
    client.post(reverse("jiyue_2fa_disable"))
    assert devices.has_second_factor(moderator)
    assert actions.RECOVERY_REGENERATED in actions_of(moderator)
    # The account page links to the 2FA page.
    assert (
        reverse("jiyue_2fa_manage") in client.get(reverse("wagtailadmin_account")).content.decode()
    )


def test_an_editor_is_not_forced_but_may_enrol(gate_on, cluster):
    editor = get_user_model().objects.create_user("anning_ed", password=PASSWORD)
    editor.groups.add(cluster.county_a.editors_group)
    client = host_client(HOST)
    login(client, "anning_ed")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert "尚未启用两步验证" in client.get(reverse("jiyue_2fa_manage")).content.decode()
    enrol(client, editor)
    client.post(reverse("jiyue_2fa_disable"))
    assert not devices.has_second_factor(editor)
    assert actions.DISABLED in actions_of(editor)


def test_a_force_logged_in_moderator_is_sent_to_enrolment(gate_on, moderator):
    client = host_client(HOST, moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("jiyue_2fa_setup"))


def test_an_administrator_resets_another_accounts_second_factor(gate_on, moderator, make_user):
    client = host_client(HOST)
    login(client, "anning_mod")
    enrol(client, moderator)

    other = host_client(HOST, make_user("qingyuan_ed"))
    assert other.post(reverse("jiyue_2fa_reset", args=[moderator.pk])).status_code in (302, 403)
    assert devices.has_second_factor(moderator)

    admin = get_user_model().objects.create_superuser("platform", password=PASSWORD)
    admin_client = host_client(HOST)
    login(admin_client, "platform")
    enrol(admin_client, admin)
    listing = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("jiyue_2fa_reset", args=[moderator.pk]) in listing
    confirm = admin_client.get(reverse("jiyue_2fa_reset", args=[moderator.pk]))
    assert "确认重置" in confirm.content.decode()
    assert admin_client.post(reverse("jiyue_2fa_reset", args=[moderator.pk])).status_code == 302
    assert not devices.has_second_factor(moderator)
    entry = ModelLogEntry.objects.get(object_id=str(moderator.pk), action=actions.RESET)
    assert entry.user_id == admin.pk

    # The moderator enrols again at the next login.
    fresh = host_client(HOST)
    login(fresh, "anning_mod")
    assert fresh.get(reverse("wagtailadmin_home"))["Location"].startswith(
        reverse("jiyue_2fa_setup")
    )
