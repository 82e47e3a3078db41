"""Who sees which scorecards: holders of `audit.view_scorecard` (the 审计员 group, superusers) see
every site read-only; site staff (editors and moderators) see their own sites only."""

from __future__ import annotations

from django.db.models import QuerySet

from sites.models import SiteProfile
from sites.scope import readable_sites, reads_all_sites

VIEW_ALL_PERMISSION = "audit.view_scorecard"


def can_view_all(user) -> bool:
    return reads_all_sites(user, VIEW_ALL_PERMISSION)


def visible_sites(user) -> QuerySet[SiteProfile]:
    return (
        readable_sites(user, VIEW_ALL_PERMISSION)
        .select_related("site__root_page")
        .order_by("sort_order", "pk")
    )
