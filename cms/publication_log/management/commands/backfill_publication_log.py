"""`python manage.py backfill_publication_log`: add a baseline entry for every live page the
publication log has not recorded (content published before the log existed). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.publication_log.baseline import record_baseline_now


class Command(BaseCommand):
    help = "为尚未记入发布记录的已发布页面补记基线记录（可重复执行）。"

    def handle(self, *args, **options) -> None:
        created = record_baseline_now()
        self.stdout.write(f"已补记 {created} 条基线记录。")
