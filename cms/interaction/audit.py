"""The message board's side of the audit contract (cms.core.inspection): valid messages still
without a published reply, named by the JIYUE_AUDIT_MESSAGE_SOURCE setting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils import timezone

from cms.core.inspection import UnansweredMessage
from cms.interaction.models import OPEN_STATUSES, Message


def unanswered_messages(
    site_ids: Iterable[int] | None, today: dt.date
) -> Iterator[UnansweredMessage]:
    """Open (not answered, not invalid) messages received on or before `today`, of the given
    sites (the site now handling them) or of all sites; oldest first."""
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    messages = Message.objects.filter(status__in=OPEN_STATUSES, received_at__lt=end)
    if site_ids is not None:
        messages = messages.filter(site_id__in=list(site_ids))
    for message in messages.order_by("received_at", "pk").only(
        "pk", "site_id", "subject", "received_at"
    ):
        yield UnansweredMessage(
            site_id=message.site_id,
            message_id=message.pk,
            title=message.subject,
            received_on=message.received_on,
            admin_url=reverse("interaction_admin:message", args=[message.pk]),
        )
