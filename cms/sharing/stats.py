"""信息报送考核: submissions and acceptances per submitting site and month (Asia/Shanghai), one
definition of the rows for the admin table and its CSV/XLSX exports (cms.audit.exports)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.sharing.models import Status, Submission

HEADERS = ("报送网站", "月份", "报送数", "采用数", "未采用数", "待审核数", "采用率")


@dataclass(frozen=True)
class MonthRow:
    site_name: str
    month: str  # YYYY-MM
    submitted: int
    accepted: int
    rejected: int
    pending: int

    @property
    def rate(self) -> str:
        return f"{self.accepted * 100 / self.submitted:.1f}%" if self.submitted else "—"

    def cells(self) -> list:
        return [
            self.site_name,
            self.month,
            self.submitted,
            self.accepted,
            self.rejected,
            self.pending,
            self.rate,
        ]


def monthly_rows(submissions: QuerySet[Submission], year: int) -> list[MonthRow]:
    """One row per (submitting site, month) of `year`, by site name then month."""
    from cms.sharing.operations import site_names

    zone = timezone.get_default_timezone()
    grouped = (
        submissions.filter(submitted_at__year=year)
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("source_site_id", "month")
        .annotate(
            submitted=Count("pk"),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
            pending=Count("pk", filter=Q(status=Status.PENDING)),
        )
    )
    names = site_names()
    rows = [
        MonthRow(
            site_name=names.get(row["source_site_id"], str(row["source_site_id"])),
            month=f"{row['month']:%Y-%m}",
            submitted=row["submitted"],
            accepted=row["accepted"],
            rejected=row["rejected"],
            pending=row["pending"],
        )
        for row in grouped
    ]
    return sorted(rows, key=lambda r: (r.site_name, r.month))
