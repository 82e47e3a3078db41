"""Demo 信息报送 (`manage.py load_demo_cluster`): the city portal gets a 区县动态 column, and each
county sends its latest news there — two accepted (so the portal's 站群要闻 shows them), one
rejected with a reason, one awaiting review. Idempotent: a page already submitted is skipped."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.contrib.auth import get_user_model

from cms.pages.column_types import ColumnType
from cms.pages.models import ArticlePage, ColumnPage
from cms.pages.queries import column_items
from cms.sharing.models import Status, Submission
from fixtures.factories import ColumnPageFactory, shared_submission
from sites.models import SiteLevel, SiteProfile

COUNTY_COLUMN_SLUG = "qxdt"
DECISIONS = ("accepted", "accepted", "rejected", "pending")
REJECT_REASON = "稿件属于县内日常工作，暂不在市门户发布，请报送更具全市意义的信息。"


def county_column(portal: SiteProfile) -> ColumnPage:
    home = portal.site.root_page
    existing = ColumnPage.objects.child_of(home).filter(slug=COUNTY_COLUMN_SLUG).first()
    if existing is not None:
        return existing
    return ColumnPageFactory(
        parent=home,
        title="区县动态",
        slug=COUNTY_COLUMN_SLUG,
        column_type=ColumnType.NEWS,
        description="发布各县区报送并经市政府门户网站审核采用的工作动态。",
        keywords="区县动态,信息报送",
    )


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def build_demo(*, today: dt.date, stdout: TextIO) -> dict[str, int]:
    portal = SiteProfile.objects.filter(level=SiteLevel.CITY).select_related("site").first()
    if portal is None:
        return {"submissions": 0}
    column = county_column(portal)
    portal_key = portal.site.hostname.split(".")[0]
    moderator = _user(f"{portal_key}_moderator")
    created = 0
    counties = SiteProfile.objects.filter(level=SiteLevel.COUNTY).select_related("site__root_page")
    for profile in counties.order_by("sort_order", "pk"):
        news = ColumnPage.objects.child_of(profile.site.root_page).filter(slug="gzdt").first()
        if news is None:
            continue
        latest = list(column_items(news).type(ArticlePage)[: len(DECISIONS)])
        editor = _user(f"{profile.site.hostname.split('.')[0]}_editor")
        for page, decision in zip(latest, DECISIONS, strict=False):
            if Submission.objects.filter(page=page).exists():
                continue
            shared_submission(
                page,
                column,
                decision=decision,
                user=editor,
                decider=moderator,
                note="报请市政府门户网站区县动态栏目采用。",
                reason=REJECT_REASON if decision == "rejected" else "",
            )
            created += 1
    counts = {
        "submissions_created": created,
        "accepted": Submission.objects.filter(status=Status.ACCEPTED).count(),
        "rejected": Submission.objects.filter(status=Status.REJECTED).count(),
        "pending": Submission.objects.filter(status=Status.PENDING).count(),
    }
    stdout.write(
        f"信息报送 已采用 {counts['accepted']} 条，未采用 {counts['rejected']} 条，"
        f"待审核 {counts['pending']} 条"
    )
    return counts
