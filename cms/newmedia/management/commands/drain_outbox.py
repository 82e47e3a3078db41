"""`python manage.py drain_outbox`: deliver every due outbox entry once, from the command line."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cms.newmedia.models import State


class Command(BaseCommand):
    help = "投递政务新媒体推送队列中所有到期的记录（一次）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=200, help="每批处理的记录数。")

    def handle(self, *args, limit: int, **options) -> None:
        from cms.newmedia.delivery import drain

        if limit < 1:
            raise CommandError("--limit 必须是正整数。")
        outcome = drain(limit=limit)
        summary = (
            "，".join(f"{State(s).label} {n} 条" for s, n in sorted(outcome.items()))
            or "没有到期的推送"
        )
        if outcome.get(State.FAILED):
            raise CommandError(
                f"推送失败 {outcome[State.FAILED]} 条（{summary}），详见后台推送记录。"
            )
        self.stdout.write(f"推送完成：{summary}。")
