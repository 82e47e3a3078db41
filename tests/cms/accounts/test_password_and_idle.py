"""Password policy (等保 2.0 三级: 口令复杂度) with Chinese messages, and the admin's idle time-out
(登录连接超时自动退出): after JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES without a request the next admin
request goes to the login page with a Chinese message; activity keeps the session."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.accounts import actions
from cms.accounts.middleware import LAST_SEEN_KEY
from tests.cms.accounts.conftest import PASSWORD
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
HOST = "www.localhost"


def messages_for(password: str, username: str = "anning_moderator") -> list[str]:
    try:
        validate_password(password, get_user_model()(username=username))
    except ValidationError as error:
        return error.messages
    return []


def test_password_validator_messages_are_chinese():
    assert messages_for("Ab1-xyz") == ["密码至少需要 10 个字符。"]
    assert messages_for("zhengwugongkai") == [
        "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"
    ]
    assert messages_for("anning_moderator1") == ["密码跟 用户名 太相似了。"]
    assert "这个密码太常见了。" in messages_for("Password123")
    assert messages_for("Changhe-2026-gov") == []
    assert messages_for("长河市政务公开2026a") == []  # Chinese characters count as symbols


def test_the_admin_refuses_a_weak_new_password(editor):
    user = editor
    user.set_password(PASSWORD)
    user.save()
    client = host_client(HOST, user)
    data = {"password-old_password": PASSWORD, "password-new_password1": "aaaaaaaaaaaa"}
    data["password-new_password2"] = data["password-new_password1"]
    response = client.post(reverse("wagtailadmin_account"), data)
    assert "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.fixture
def editor(cluster, make_user):
    return make_user("anning_ed", groups=[cluster.county_a.editors_group])


def set_last_seen(client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_an_idle_admin_session_ends_with_a_chinese_message(editor, settings):
    settings.JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES = 30
    user = editor
    client = host_client(HOST, user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    set_last_seen(client, 29 * 60)  # active 29 minutes ago: still signed in, and refreshed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5

    set_last_seen(client, 31 * 60)
    response = client.get(reverse("wagtailadmin_pages:search"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    login_page = client.get(response["Location"]).content.decode()
    assert "您已超过 30 分钟未操作" in login_page
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # signed out
    assert ModelLogEntry.objects.filter(object_id=str(user.pk), action=actions.IDLE_LOGOUT).exists()


def test_the_editors_presence_ping_is_not_activity(editor):
    client = host_client(HOST, editor)
    client.get(reverse("wagtailadmin_home"))
    set_last_seen(client, 10 * 60)
    before = client.session[LAST_SEEN_KEY]
    client.post(reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", 1, 0]))
    assert client.session[LAST_SEEN_KEY] == before
