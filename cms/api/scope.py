"""Which sites a request reads: the requesting host's site by default, the site named by the
`site` parameter (网站标识码 or host name, or `all` for the cluster), and the whole cluster on the
city portal's host. Site rows are read once per request and reused to map pages to their site."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from ninja.errors import HttpError
from wagtail.models import Page

from sites.models import SiteLevel, SiteProfile

CLUSTER = "all"


@dataclass(frozen=True)
class SiteInfo:
    profile_id: int
    code: str
    name: str
    host: str
    root_url: str
    root_path: str  # tree path of the site's home
    root_url_path: str

    def page_url(self, url_path: str) -> str:
        """Canonical URL of a page below this site's home, without a query."""
        return self.root_url + "/" + url_path[len(self.root_url_path) :]


@dataclass(frozen=True)
class Scope:
    key: str  # "all" or a 网站标识码: cursors remember it
    site: SiteInfo | None  # None: the whole cluster


def all_sites(request: HttpRequest) -> list[SiteInfo]:
    cached = getattr(request, "_jiyue_api_sites", None)
    if cached is not None:
        return cached
    rows = SiteProfile.objects.select_related("site__root_page").order_by("sort_order", "pk")
    sites = [
        SiteInfo(
            profile_id=row.pk,
            code=row.site_code,
            name=row.canonical_name,
            host=row.site.hostname,
            root_url=row.site.root_url,
            root_path=row.site.root_page.path,
            root_url_path=row.site.root_page.url_path,
        )
        for row in rows
    ]
    request._jiyue_api_sites = sites  # type: ignore[attr-defined]
    return sites


def site_of(request: HttpRequest, page_path: str) -> SiteInfo | None:
    """The site whose home is the deepest ancestor of `page_path` (no query)."""
    best = None
    for site in all_sites(request):
        if page_path.startswith(site.root_path) and (
            best is None or len(site.root_path) > len(best.root_path)
        ):
            best = site
    return best


def resolve_scope(request: HttpRequest, site: str | None) -> Scope:
    if site:
        wanted = site.strip().lower()
        if wanted == CLUSTER:
            return Scope(CLUSTER, None)
        for info in all_sites(request):
            if wanted in (info.code.lower(), info.host.lower()):
                return Scope(info.code, info)
        raise HttpError(404, f"没有网站标识码或域名为“{site[:40]}”的网站。")
    profile = SiteProfile.for_request(request)
    if profile is None or profile.level == SiteLevel.CITY:
        # The city portal (and an unknown host, which Wagtail serves as the default site)
        # speaks for the whole cluster.
        return Scope(CLUSTER, None)
    for info in all_sites(request):
        if info.profile_id == profile.pk:
            return Scope(info.code, info)
    return Scope(CLUSTER, None)


def within(queryset, scope: Scope):
    """`queryset` (pages) narrowed to the scope's site."""
    if scope.site is None:
        return queryset
    return queryset.filter(path__startswith=scope.site.root_path, depth__gt=_depth(scope.site))


def _depth(site: SiteInfo) -> int:
    return len(site.root_path) // Page.steplen
