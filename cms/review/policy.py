"""Where 终审 applies: the nearest column above a page (or the page itself) with its own rule
decides; otherwise the site's setting does. One function, asked when the 终审 step starts."""

from __future__ import annotations

from wagtail.models import Page

from cms.review.models import ColumnReviewPolicy, FinalApproval, SiteReviewPolicy


def final_approval_required(page: Page) -> bool:
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    rules = dict(
        ColumnReviewPolicy.objects.filter(column__in=ancestors)
        .exclude(final_approval=FinalApproval.INHERIT)
        .values_list("column__depth", "final_approval")
    )
    if rules:
        return rules[max(rules)] == FinalApproval.REQUIRED
    site = page.get_site()
    if site is None:
        return False
    return SiteReviewPolicy.objects.filter(site__site=site, final_approval=True).exists()
