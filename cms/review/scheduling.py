"""What the scheduled-publishing run does (cms.review.tasks): take down pages whose 下线时间 has
come, publish revisions whose 发布时间 has come, in Asia/Shanghai time as the editor entered it.
A scheduled publication still passes every publication gate; a refused one is written in the
page history and unscheduled, never silently dropped. Anything done later than its time (the
worker was down) says so in the page history: 计划发布已补发，原定 …"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from cms.core.publication_gates import PublicationRefused

logger = logging.getLogger("jiyue.review")

LATE_PUBLISH = "review.schedule.late_publish"
LATE_EXPIRY = "review.schedule.late_expiry"
REFUSED = "review.schedule.refused"
# A run this much after the scheduled moment is a catch-up, not the normal poll delay
# (JIYUE_SCHEDULE_LATE_SECONDS, default 60; never less than two polls).
DEFAULT_LATE_SECONDS = 60.0


@dataclass
class Outcome:
    published: int = 0
    expired: int = 0
    refused: int = 0
    late: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def is_late(scheduled: dt.datetime, now: dt.datetime) -> bool:
    from django.conf import settings

    from cms.review.tasks import poll_seconds

    late_after = float(getattr(settings, "JIYUE_SCHEDULE_LATE_SECONDS", DEFAULT_LATE_SECONDS))
    return now - scheduled > dt.timedelta(seconds=max(late_after, 2 * poll_seconds()))


def local_label(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _late_note(page: Page, action: str, scheduled: dt.datetime, revision=None) -> None:
    log(
        instance=page,
        action=action,
        revision=revision,
        data={"scheduled": scheduled.isoformat(), "scheduled_label": local_label(scheduled)},
    )


def expire_due(now: dt.datetime, outcome: Outcome) -> None:
    for page in Page.objects.filter(live=True, expire_at__lte=now).order_by("expire_at"):
        scheduled = page.expire_at
        page = page.specific
        with transaction.atomic():
            page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            if is_late(scheduled, now):
                _late_note(page, LATE_EXPIRY, scheduled)
                outcome.late += 1
        outcome.expired += 1


def publish_due(now: dt.datetime, outcome: Outcome) -> None:
    due = Revision.page_revisions.filter(approved_go_live_at__lte=now).order_by(
        "approved_go_live_at", "pk"
    )
    for revision in due:
        scheduled = revision.approved_go_live_at
        page = revision.content_object.specific
        try:
            with transaction.atomic():
                revision.publish(log_action="wagtail.publish.scheduled")
                if is_late(scheduled, now):
                    _late_note(page, LATE_PUBLISH, scheduled, revision)
                    outcome.late += 1
            outcome.published += 1
        except PublicationRefused as refusal:
            # Unscheduled, so it is not retried every poll; the history says why it did not go.
            with transaction.atomic():
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                log(
                    instance=page,
                    action=REFUSED,
                    revision=revision,
                    data={
                        "scheduled": scheduled.isoformat(),
                        "scheduled_label": local_label(scheduled),
                        "reason": str(refusal),
                    },
                )
            logger.warning("scheduled publication of page %s refused: %s", page.pk, refusal)
            outcome.refused += 1


def run_due(now: dt.datetime | None = None) -> Outcome:
    now = now or timezone.now()
    outcome = Outcome()
    expire_due(now, outcome)
    publish_due(now, outcome)
    return outcome
