"""The monthly statistics table a site publishes for its message board: per answering (or, while
open, handling) organisation, messages received in the month, answered, answered within the
deadline, and the average number of working days to answer. Invalid messages are not counted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cms.interaction.models import Message, Status
from cms.workdays.calendar import workdays_between

UNASSIGNED_LABEL = "尚未分办"


@dataclass
class StatsRow:
    organisation: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    workdays_total: int = 0

    @property
    def average_workdays(self) -> float | None:
        return round(self.workdays_total / self.answered, 1) if self.answered else None


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def monthly_table(site_id: int, year: int, month: int) -> tuple[list[StatsRow], StatsRow]:
    """Rows by organisation (sorted by name) and the total row, for messages received in the
    month on this site or handled by it after a transfer."""
    start, end = month_bounds(year, month)
    messages = (
        Message.objects.valid()
        .filter(Q(site_id=site_id) | Q(origin_site_id=site_id))
        .filter(received_at__gte=start, received_at__lt=end)
        .select_related("organisation")
    )
    rows: dict[str, StatsRow] = {}
    total = StatsRow("合计")
    for message in messages:
        label = message.organisation.name if message.organisation else UNASSIGNED_LABEL
        row = rows.setdefault(label, StatsRow(label))
        for target in (row, total):
            target.received += 1
            if message.status == Status.ANSWERED and message.answered_at:
                answered_on = timezone.localtime(message.answered_at).date()
                target.answered += 1
                target.on_time += int(answered_on <= message.due_date)
                target.workdays_total += max(workdays_between(message.received_on, answered_on), 0)
    return sorted(
        rows.values(), key=lambda r: (r.organisation == UNASSIGNED_LABEL, r.organisation)
    ), total
