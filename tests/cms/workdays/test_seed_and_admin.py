"""The calendar table is seeded from chinesecalendar, re-seeding adds nothing twice and never
overwrites what administrators typed in, and the admin screen lists rows and flags missing years."""

import datetime
import io

import chinese_calendar
import pytest
from django.core.management import call_command

from cms.workdays.models import CalendarException, DayKind, DaySource
from tests.conftest import host_client


@pytest.mark.django_db
def test_migration_seeds_every_package_day():
    rows = CalendarException.objects.filter(source=DaySource.PACKAGE)
    expected = len(chinese_calendar.holidays) + len(chinese_calendar.workdays)
    assert rows.count() == expected
    assert CalendarException.objects.get(date=datetime.date(2026, 2, 28)).kind == DayKind.WORKDAY
    assert CalendarException.objects.get(date=datetime.date(2025, 10, 8)).name == "国庆节"


@pytest.mark.django_db
def test_seed_command_is_idempotent_and_keeps_manual_rows():
    day = datetime.date(2026, 10, 10)
    CalendarException.objects.filter(date=day).update(
        name="国庆节调休（人工核对）", source="manual"
    )
    out = io.StringIO()
    call_command("seed_workday_calendar", stdout=out)
    assert "新增 0 条" in out.getvalue()
    assert CalendarException.objects.get(date=day).name == "国庆节调休（人工核对）"


@pytest.mark.django_db
def test_admin_lists_days_and_warns_about_missing_years(make_user):
    admin = make_user("root", superuser=True)
    client = host_client("www.localhost", admin)
    response = client.get("/admin/workday_calendar/?year=2025&kind=workday")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2025" in body
    response = client.post(
        "/admin/workday_calendar/new/",
        {"date": "2099-01-01", "kind": DayKind.HOLIDAY, "name": "元旦"},
    )
    assert response.status_code == 302
    assert CalendarException.objects.get(date="2099-01-01").source == DaySource.MANUAL


@pytest.mark.django_db
def test_editors_cannot_edit_the_calendar(cluster, make_user):
    editor = make_user("ed", groups=[cluster.county_a.editors_group])
    response = host_client("www.localhost", editor).get("/admin/workday_calendar/")
    assert response.status_code in (302, 403)
