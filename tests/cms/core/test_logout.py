"""Logging out takes a POST: a GET (an <img src="/admin/logout/"> in page content) leaves the
administrator logged in and their session cookie alone."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def test_a_get_does_not_log_out_and_a_post_does(cluster, make_user):
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    client = host_client("www.localhost", moderator)
    assert reverse("wagtailadmin_logout") == "/admin/logout/"

    refused = client.get("/admin/logout/")
    assert refused.status_code == 405 and "退出" in refused.content.decode()
    assert settings.SESSION_COOKIE_NAME not in refused.cookies
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    done = client.post("/admin/logout/")
    assert done.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # to the login page
