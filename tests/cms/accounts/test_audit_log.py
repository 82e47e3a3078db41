"""Admin audit log (等保 2.0 三级 安全审计; 网络安全法 第二十一条): auditors and administrators
export it as CSV and XLSX with filters, login failures included; entries are kept at least 180
days and nothing deletes younger ones."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from cms.accounts.auditlog import AUDITOR_GROUP, HEADERS
from cms.core.accounts import LOGIN_FAILED_ACTION, LOGOUT_ACTION
from tests.cms.accounts.conftest import PASSWORD, login
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
HOST = "www.localhost"
EXPORT = "/admin/audit-log/export/"


@pytest.fixture
def auditor(make_user):
    return make_user("city_auditor", groups=[Group.objects.get(name=AUDITOR_GROUP)])


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_export_contains_login_failures(moderator, auditor, cluster):
    for n in range(3):
        login(host_client(HOST), "anning_mod", f"guess-{n}", ip="10.0.0.7")
    client = host_client(HOST, auditor)
    form = client.get(EXPORT)
    assert form.status_code == 200 and "审计日志导出" in form.content.decode()

    response = client.get(EXPORT, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv") and response.streaming
    rows = csv_rows(response)
    assert tuple(rows[0]) == HEADERS
    failures = [r for r in rows[1:] if r[3] == LOGIN_FAILED_ACTION]
    assert len(failures) == 3
    assert failures[0][2] == "登录失败" and failures[0][5] == "anning_mod"
    assert failures[0][8] == "10.0.0.7"

    today = timezone.localdate().isoformat()
    only = client.get(
        EXPORT,
        {
            "format": "xlsx",
            "action": LOGIN_FAILED_ACTION,
            "user": "anning_mod",
            "site": cluster.county_a.pk,
            "date_from": today,
            "date_to": today,
        },
    )
    sheet = load_workbook(io.BytesIO(b"".join(only.streaming_content))).active
    values = list(sheet.values)
    assert values[0] == HEADERS and len(values) == 4
    assert {row[3] for row in values[1:]} == {LOGIN_FAILED_ACTION}

    other_site = csv_rows(client.get(EXPORT, {"format": "csv", "site": cluster.county_b.pk}))
    assert not [r for r in other_site[1:] if r[5] == "anning_mod"]
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert len(csv_rows(client.get(EXPORT, {"format": "csv", "date_to": yesterday}))) == 1
    bad = client.get(EXPORT, {"format": "csv", "date_from": today, "date_to": yesterday})
    assert bad.status_code == 200 and "开始日期不能晚于结束日期" in bad.content.decode()


def test_only_auditors_and_administrators_export(cluster, make_user):
    moderator = make_user("anning_mod2", groups=[cluster.county_a.moderators_group])
    response = host_client(HOST, moderator).get(EXPORT, {"format": "csv"})
    assert response.status_code in (302, 403) and not getattr(response, "streaming", False)
    admin = make_user("platform", superuser=True)
    assert host_client(HOST, admin).get(EXPORT, {"format": "csv"}).status_code == 200
    menu = host_client(HOST, admin).get(reverse("wagtailadmin_home")).content.decode()
    assert EXPORT in menu  # the 报告 › 审计日志导出 menu item


def test_logout_is_logged(moderator):
    client = host_client(HOST)
    login(client, "anning_mod", PASSWORD)
    client.post(reverse("wagtailadmin_logout"))
    assert ModelLogEntry.objects.filter(object_id=str(moderator.pk), action=LOGOUT_ACTION).exists()


def test_purge_refuses_fewer_than_180_days_and_keeps_younger_entries(moderator):
    login(host_client(HOST), "anning_mod", "wrong")
    old = ModelLogEntry.objects.create(
        content_type=ModelLogEntry.objects.first().content_type,
        label="anning_mod",
        action=LOGIN_FAILED_ACTION,
        object_id=str(moderator.pk),
        timestamp=timezone.now() - dt.timedelta(days=200),
    )
    with pytest.raises(CommandError, match="不少于 180 天"):
        call_command("purge_audit_log", "--older-than", "179")
    assert ModelLogEntry.objects.filter(pk=old.pk).exists()

    out = io.StringIO()
    call_command("purge_audit_log", "--older-than", "180", stdout=out)
    assert "已删除 1 条" in out.getvalue()
    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    assert ModelLogEntry.objects.filter(action=LOGIN_FAILED_ACTION).count() == 1


def test_nothing_deletes_a_log_entry_younger_than_180_days(moderator, make_user):
    login(host_client(HOST), "anning_mod", "wrong")
    entry = ModelLogEntry.objects.get(action=LOGIN_FAILED_ACTION)
    with pytest.raises(PermissionDenied), transaction.atomic():
        entry.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        ModelLogEntry.objects.all().delete()
    # Deleting the account in the admin leaves its records.
    admin = make_user("platform", superuser=True)
    client = host_client(HOST, admin)
    response = client.post(reverse("wagtailusers_users:delete", args=[moderator.pk]))
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=moderator.pk).exists()
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()
