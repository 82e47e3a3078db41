"""`purge_audit_log --older-than DAYS`: delete audit-log entries older than DAYS days, never
fewer than 180 (网络安全法 第二十一条)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cms.accounts.retention import RetentionError, purge_older_than


class Command(BaseCommand):
    help = "删除早于指定天数的审计日志（至少保留 180 天）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than", type=int, required=True, dest="days", metavar="DAYS")

    def handle(self, *args, days: int, **options) -> None:
        try:
            deleted = purge_older_than(days)
        except RetentionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已删除 {deleted} 条 {days} 天前的审计日志。")
