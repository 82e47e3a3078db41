"""The figures of the 政府网站工作年度报表 the platform can count itself (STANDARDS.md §8, marked *),
for one site and calendar year. Public content is counted through cms.pages.queries (the one
public rule); messages as the board's monthly statistics count them (valid messages received on
the site or handled by it; working days by cms.workdays); consultations and interviews by the
pages of the site that opened or took place in the year."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from cms.pages.column_types import ColumnType
from cms.pages.queries import in_columns_of_type, publicly_listable, publicly_visible

# 概况类 in the national form: the site's standing information about the body itself.
OVERVIEW_TYPES = (ColumnType.OVERVIEW, ColumnType.FUNCTIONS, ColumnType.LEADERS)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz)


def identity(profile) -> dict[str, str]:
    from sites.models import SiteLevel

    return {
        "site_name": profile.canonical_name,
        "home_url": f"https://{profile.site.hostname}/",
        "sponsor": profile.sponsor,
        "site_type": "部门网站" if profile.level == SiteLevel.DEPARTMENT else "政府门户网站",
        "site_code": profile.site_code,
        "icp_number": profile.icp_number,
        "police_number": profile.police_number,
    }


def _publications(profile, year: int) -> dict[str, int]:
    from cms.disclosure.models import InterpretationPage

    start, end = year_bounds(year)
    home = profile.site.root_page
    items = publicly_listable(home).filter(
        first_published_at__gte=start, first_published_at__lt=end
    )
    overview = sum(in_columns_of_type(items, kind).count() for kind in OVERVIEW_TYPES)
    catalogue = items.filter(
        content_type__app_label="disclosure", content_type__model="disclosurepage"
    ).count()
    interpretations = publicly_visible(
        InterpretationPage.objects.descendant_of(home).filter(
            first_published_at__gte=start, first_published_at__lt=end
        )
    ).count()
    return {
        "info_total": items.count(),
        "info_overview": overview,
        "info_news": in_columns_of_type(items, ColumnType.NEWS).count(),
        "info_catalogue": catalogue,
        "interpretation_materials": interpretations,
    }


def _special_columns(profile, year: int) -> dict[str, int]:
    """专栏专题: columns a site opened itself, beyond the standard tree every site receives.
    Maintained = with content first published in the year; new = opened in the year."""
    from cms.pages.models import ColumnPage
    from sites.column_tree import iter_columns

    start, end = year_bounds(year)
    standard = {spec.slug for spec, _depth in iter_columns()}
    home = profile.site.root_page
    specials = ColumnPage.objects.descendant_of(home).live().exclude(slug__in=standard)
    maintained = 0
    for column in specials.only("path", "depth"):
        recent = publicly_listable(column).filter(
            depth=column.depth + 1, first_published_at__gte=start, first_published_at__lt=end
        )
        maintained += int(recent.exists())
    new = specials.filter(first_published_at__gte=start, first_published_at__lt=end).count()
    return {"special_maintained": maintained, "special_new": new}


def _services(profile) -> dict[str, int]:
    from cms.services.models import ServiceGuidePage

    guides = publicly_visible(ServiceGuidePage.objects.descendant_of(profile.site.root_page))
    return {"service_items": guides.count()}


def _messages(profile, year: int) -> dict[str, Any]:
    from cms.interaction.models import Message, Status
    from cms.workdays.calendar import workdays_between

    start, end = year_bounds(year)
    messages = (
        Message.objects.valid()
        .filter(Q(site=profile) | Q(origin_site=profile))
        .filter(received_at__gte=start, received_at__lt=end)
    )
    received = answered = public = days = 0
    for status, is_public, received_at, answered_at in messages.values_list(
        "status", "is_public", "received_at", "answered_at"
    ):
        received += 1
        if status == Status.ANSWERED and answered_at:
            answered += 1
            public += int(is_public)
            days += max(
                workdays_between(
                    timezone.localtime(received_at).date(), timezone.localtime(answered_at).date()
                ),
                0,
            )
    return {
        "messages_received": received,
        "messages_answered": answered,
        "messages_average_workdays": round(days / answered, 1) if answered else 0,
        "messages_public": public,
    }


def _participation(profile, year: int) -> dict[str, int]:
    from cms.participation.models import (
        ConsultationPage,
        ConsultationResponse,
        InterviewPage,
        InterviewQuestion,
    )

    start, end = year_bounds(year)
    home = profile.site.root_page
    consultations = publicly_visible(
        ConsultationPage.objects.descendant_of(home).filter(opens_at__gte=start, opens_at__lt=end)
    )
    interviews = publicly_visible(
        InterviewPage.objects.descendant_of(home).filter(starts_at__gte=start, starts_at__lt=end)
    )
    consultation_ids = list(consultations.values_list("pk", flat=True))
    interview_ids = list(interviews.values_list("pk", flat=True))
    results = consultations.filter(
        Q(feedback_published_at__isnull=False) | Q(publish_results=True, closes_at__lt=end)
    ).count()
    questions = InterviewQuestion.objects.filter(page_id__in=interview_ids)
    counts = {
        "consultation_opinions": ConsultationResponse.objects.filter(
            page_id__in=consultation_ids
        ).count(),
        "interview_questions": questions.count(),
        "interview_answers": questions.exclude(answer="").count(),
    }
    return {
        "consultations": len(consultation_ids),
        "consultation_results": results,
        "interviews": len(interview_ids),
        **counts,
    }


def site_figures(profile, year: int) -> dict[str, Any]:
    return {
        **identity(profile),
        **_publications(profile, year),
        **_special_columns(profile, year),
        **_services(profile),
        **_messages(profile, year),
        **_participation(profile, year),
    }


def compute(report) -> None:
    """Refresh a draft's computed figures (does not save)."""
    report.computed = site_figures(report.site, report.year)
    report.generated_at = timezone.now()
