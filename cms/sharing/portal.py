"""The portal's 站群要闻: what the portal decided to show, not every site's news.

It lists the publicly listable items of news-type columns inside the portal's own tree (its own
news and the copies of accepted submissions) and, for the sites the portal's policy names as
auto-accepted (SharingPolicy.auto_accept_from), their news directly. A county item nobody on the
portal accepted never appears. Copies are labelled with the site they come from."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page

from cms.pages.column_types import ColumnType
from cms.pages.queries import column_items, in_columns_of_type
from cms.sharing.models import SharingPolicy
from sites.directory import SiteLabelledPage, label_with_sites


def auto_accepted_roots(portal: Page) -> list[str]:
    """Tree paths of the homes of the sites the portal auto-accepts from (one query)."""
    through = SharingPolicy.auto_accept_from.through
    return list(
        Page.objects.filter(
            sites_rooted_here__in=through.objects.filter(
                sharingpolicy__site__root_page_id=portal.pk
            ).values("site_id")
        ).values_list("path", flat=True)
    )


def cluster_news(portal: Page, request: HttpRequest | None, limit: int) -> list[SiteLabelledPage]:
    within = Q(path__startswith=portal.path)
    for path in auto_accepted_roots(portal):
        within |= Q(path__startswith=path)
    news = list(in_columns_of_type(column_items().filter(within), ColumnType.NEWS)[:limit])
    alias_ids = {page.alias_of_id for page in news if page.alias_of_id}
    originals = {p.pk: p for p in Page.objects.filter(pk__in=alias_ids)} if alias_ids else {}
    label_from = {
        page.pk: originals[page.alias_of_id] for page in news if page.alias_of_id in originals
    }
    return label_with_sites(news, request, label_from=label_from)
