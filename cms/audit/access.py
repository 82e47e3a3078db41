"""Who sees which scorecards: holders of `audit.view_scorecard` (the 审计员 group, superusers) see
every site read-only; site staff (editors and moderators) see their own sites only."""

from __future__ import annotations

from django.db.models import QuerySet

from sites.models import SiteProfile
from sites.permissions import sites_for_user

VIEW_ALL_PERMISSION = "audit.view_scorecard"


def can_view_all(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_ALL_PERMISSION))


def visible_sites(user) -> QuerySet[SiteProfile]:
    base = SiteProfile.objects.all() if can_view_all(user) else sites_for_user(user)
    return base.select_related("site__root_page").order_by("sort_order", "pk")
