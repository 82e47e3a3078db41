"""Admin URLs that fix a finding: one place that knows where each kind of object is edited."""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse

PLACEHOLDER = 987654321


@lru_cache(maxsize=32)
def _pattern(name: str) -> str:
    return reverse(name, args=[PLACEHOLDER])


def _url(name: str, pk: int) -> str:
    return _pattern(name).replace(str(PLACEHOLDER), str(pk))


def page_edit(page_id: int) -> str:
    return _url("wagtailadmin_pages:edit", page_id)


def page_explore(page_id: int) -> str:
    return _url("wagtailadmin_explore", page_id)


def column_add_item(column_id: int) -> str:
    """Where an editor adds content to a column."""
    return _url("wagtailadmin_pages:add_subpage", column_id)


def request_case(case_id: int) -> str:
    return _url("gi_requests_admin:case", case_id)


def annual_reports() -> str:
    return reverse("annual_reports:index")


def site_reports() -> str:
    return reverse("site_reports:index")


def workday_calendar() -> str:
    return reverse("workday_calendar:index")


def site_profile(profile_id: int) -> str:
    return _url("site_profiles:edit", profile_id)
