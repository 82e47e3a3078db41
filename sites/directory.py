"""The cluster seen as a whole: the directory of all sites (站群导航) and which site a page
belongs to, for lists that aggregate pages from several sites."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.models import Page, Site

from sites.models import SiteLevel, SiteProfile


@dataclass(frozen=True)
class DirectoryGroup:
    level: str
    label: str
    profiles: list[SiteProfile]


@dataclass(frozen=True)
class SiteLabelledPage:
    page: Page
    url: str
    site_name: str


def cluster_directory() -> list[DirectoryGroup]:
    """Every site of the cluster, grouped by level in the order 市, 县区, 部门, 乡镇街道."""
    profiles = list(SiteProfile.objects.select_related("site").order_by("sort_order", "pk"))
    groups = []
    for level in SiteLevel:
        members = [profile for profile in profiles if profile.level == level.value]
        if members:
            groups.append(DirectoryGroup(level=level.value, label=level.label, profiles=members))
    return groups


def label_with_sites(
    pages: list[Page],
    request: HttpRequest | None = None,
    label_from: dict[int, Page] | None = None,
) -> list[SiteLabelledPage]:
    """Pair each page with its URL (absolute when on another site) and its site's name; a page
    in `label_from` (a shared copy, by pk) is named after the site of the page given there."""
    names = {
        profile.site_id: profile.canonical_name
        for profile in SiteProfile.objects.only("site_id", "canonical_name")
    }
    labelled = []
    for page in pages:
        url_parts = page.get_url_parts(request)
        if url_parts is None:
            continue
        site_id, root_url, page_path = url_parts
        current_site = Site.find_for_request(request) if request is not None else None
        url = page_path if current_site and current_site.pk == site_id else root_url + page_path
        source = (label_from or {}).get(page.pk)
        source_parts = source.get_url_parts(request) if source is not None else None
        if source_parts is not None:
            site_id = source_parts[0]
        labelled.append(SiteLabelledPage(page=page, url=url, site_name=names.get(site_id, "")))
    return labelled
