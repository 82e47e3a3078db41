"""Password reset is throttled: ten requests for one address send three e-mails, not ten, and
the rest get a Chinese 429."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def test_ten_reset_requests_send_three_emails(cluster):
    get_user_model().objects.create_user("anning_ed", email="ed@anning.gov.cn", password="x" * 12)
    statuses = []
    for n in range(10):
        client = host_client("www.localhost")
        response = client.post(
            "/admin/password_reset/", {"email": "ed@anning.gov.cn"}, REMOTE_ADDR=f"10.1.0.{n}"
        )
        statuses.append(response.status_code)
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    throttled = host_client("www.localhost").post(
        "/admin/password_reset/", {"email": "ed@anning.gov.cn"}, REMOTE_ADDR="10.1.0.99"
    )
    assert "分钟后再试" in throttled.content.decode()


def test_one_address_cannot_flood_many_accounts(cluster):
    client = host_client("www.localhost")
    statuses = [
        client.post("/admin/password_reset/", {"email": f"u{n}@example.cn"}).status_code
        for n in range(8)
    ]
    assert statuses.count(429) == 3  # five per address per hour
