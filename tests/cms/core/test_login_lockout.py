"""Login failure handling (等保 2.0 三级): wrong passwords lock the account and the source
address, the right password does not open a locked account, every attempt on a known account is
in the audit log, and a platform administrator unlocks it in the admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.core.accounts import LOGIN_FAILED_ACTION, LOGIN_SUCCEEDED_ACTION
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
PASSWORD = "Zhengwu-2026-secret"


@pytest.fixture
def account(cluster):
    user = get_user_model().objects.create_user("anning_mod", password=PASSWORD)
    user.groups.add(cluster.county_a.moderators_group)
    return user


def login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_a_hundred_wrong_passwords_lock_the_account_and_are_logged(account, settings):
    client = host_client("www.localhost")
    statuses = [login(client, "anning_mod", f"guess-{n}").status_code for n in range(100)]
    limit = settings.AXES_FAILURE_LIMIT
    assert set(statuses[: limit - 1]) == {200}  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    locked = login(client, "anning_mod", PASSWORD)
    assert locked.status_code == 429 and "登录已暂时锁定" in locked.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still logged out
    failures = ModelLogEntry.objects.filter(object_id=str(account.pk), action=LOGIN_FAILED_ACTION)
    assert failures.count() >= 100
    assert failures.first().data["ip"] == "10.0.0.1"

    # Another account from the same source is locked too; from elsewhere it is not.
    other = get_user_model().objects.create_user("qingyuan_ed", password=PASSWORD)
    assert login(host_client("www.localhost"), other.username, PASSWORD).status_code == 429
    assert (
        login(host_client("www.localhost"), other.username, PASSWORD, ip="10.0.0.9").status_code
        == 302
    )


def test_a_platform_administrator_unlocks_and_the_owner_logs_in(account, make_user):
    client = host_client("www.localhost")
    for n in range(10):
        login(client, "anning_mod", f"guess-{n}")
    assert login(client, "anning_mod", PASSWORD).status_code == 429

    moderator = make_user("other_mod")
    assert host_client("www.localhost", moderator).get(reverse("jiyue_lockouts")).status_code in (
        302,
        403,
    )
    admin = get_user_model().objects.create_superuser("platform", password=PASSWORD)
    admin_client = host_client("www.localhost", admin)
    listing = admin_client.get(reverse("jiyue_lockouts")).content.decode()
    assert "anning_mod" in listing and "解除锁定" in listing
    for pk in list(AccessAttempt.objects.values_list("pk", flat=True)):
        assert admin_client.post(reverse("jiyue_unlock", args=[pk])).status_code == 302
    assert admin_client.get(reverse("jiyue_unlock", args=[1])).status_code == 405

    assert login(host_client("www.localhost"), "anning_mod", PASSWORD).status_code == 302
    assert ModelLogEntry.objects.filter(
        object_id=str(account.pk), action=LOGIN_SUCCEEDED_ACTION
    ).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(account.pk), action="jiyue.login.unlocked"
    ).exists()


def test_a_forged_forwarded_for_does_not_escape_the_source_lock(account):
    """Without trusted proxies X-Forwarded-For is the client's own claim: rotating it changes
    nothing, and nobody can lock out an address they name."""
    client = host_client("www.localhost")
    for n in range(10):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": f"nobody{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert (
        login(host_client("www.localhost"), "anning_mod", PASSWORD, ip="10.0.0.5").status_code
        == 429
    )
    assert AccessAttempt.objects.filter(ip_address__startswith="192.0.2.").count() == 0


def test_an_overlong_username_counts_as_a_failure_not_a_500(cluster):
    """Axes records the username in a 255-character column: a longer guess on the login of
    private pages (found by the public fuzz on PostgreSQL) is cut to the longest account name
    and counted. The admin's login form refuses it before authenticating."""
    guess = "长" * 300
    for url in ("wagtailadmin_login", "wagtailcore_login"):
        response = host_client("anning.localhost").post(
            reverse(url), {"username": guess, "password": "x"}, REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code == 200  # the form again, with its error
    attempt = AccessAttempt.objects.get(ip_address="10.0.0.9")
    assert attempt.username == guess[:150] and attempt.failures_since_start == 1
