"""`python manage.py seed_workday_calendar`: add the installed chinesecalendar package's holidays
and make-up days that the table lacks (run after upgrading the package); never overwrites rows."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.workdays.calendar import invalidate
from cms.workdays.models import CalendarException
from cms.workdays.seed import seed_from_package


class Command(BaseCommand):
    help = "从 chinesecalendar 数据包补充节假日与调休数据（不覆盖已有记录）。"

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            added = seed_from_package(CalendarException)
        invalidate()
        years = sorted({d.year for d in CalendarException.objects.values_list("date", flat=True)})
        span = f"{years[0]}–{years[-1]}" if years else "无"
        self.stdout.write(f"新增 {added} 条；工作日历覆盖年份：{span}。")
