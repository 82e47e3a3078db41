"""The optional public page of a site's disclosure punctuality (条例 第二十六条), for the current and
the previous year by publication date: counts, on-time rate and the late items with their 索引号.
Only publicly listable disclosures appear (cms.pages.queries.listable_ids: the one public rule).
Off unless the site's moderators switch it on (PublicTransparency); then linked from 政务公开."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cms.audit.data import RegisterRow
from cms.audit.engine import run_audit, today_local
from sites.models import SiteProfile

PATH = "asgkqk/"
# The figures change once a day at most; recomputing them per visitor would be waste.
CACHE_SECONDS = 600


@dataclass
class YearFigures:
    year: int
    on_time: int = 0
    late_rows: list[RegisterRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.on_time + len(self.late_rows)

    @property
    def rate(self) -> float | None:
        return round(100 * self.on_time / self.total, 1) if self.total else None


def is_enabled(profile: SiteProfile | None) -> bool:
    from cms.audit.models import PublicTransparency

    if profile is None:
        return False
    return PublicTransparency.objects.filter(site=profile, enabled=True).exists()


def year_figures(profile: SiteProfile, today) -> list[YearFigures]:
    from cms.pages.queries import listable_ids

    register = run_audit([profile], today).sites[0].register
    public = listable_ids(row.page_id for row in register)
    years = [YearFigures(today.year), YearFigures(today.year - 1)]
    by_year = {y.year: y for y in years}
    for row in register:
        figures = by_year.get(row.published_on.year)
        if figures is None or row.page_id not in public:
            continue
        if row.on_time:
            figures.on_time += 1
        else:
            figures.late_rows.append(row)
    for figures in years:
        figures.late_rows.sort(key=lambda r: (r.published_on, r.page_id))
    return years


def punctuality_page(request: HttpRequest) -> HttpResponse:
    profile = SiteProfile.for_request(request)
    if not is_enabled(profile):
        raise Http404("本网站未公开主动公开按时情况。")
    today = today_local()
    key = f"audit-public-punctuality:{profile.pk}:{today.isoformat()}"
    years = cache.get(key)
    if years is None:
        years = year_figures(profile, today)
        cache.set(key, years, CACHE_SECONDS)
    return render(request, "audit/public_punctuality.html", {"years": years, "today": today})
