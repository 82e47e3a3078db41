"""Security headers: public pages and the admin refuse framing, never leak the full referrer,
forbid powerful browser features; production settings pass `check --deploy` with no warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import host_client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_public_pages_and_the_admin_send_the_headers(cluster, make_user):
    public = host_client("anning.localhost").get("/")
    admin = host_client(
        "www.localhost", make_user("mod", groups=[cluster.county_a.moderators_group])
    )
    for response in (public, admin.get(reverse("wagtailadmin_home"))):
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.database_neutral  # settings, not the database
def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "k" * 40 + "-Zq8#pL2!vR7^mN4",
        "DJANGO_ALLOWED_HOSTS": "www.changhe.gov.cn,anning.changhe.gov.cn",
    }
    # The browser tests set this for Playwright in the test process; a deployment never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
