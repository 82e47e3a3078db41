"""Outbound (external) links: which ones the public pages carry, the stored result of the last
check (ExternalLink rows) and the findings the daily audit makes of them without any network call.

Sources are the rich text (`<a href="http…">`) and editable URL fields of publicly visible pages
(cms.pages.queries.publicly_visible: the one public rule). Links to the cluster's own hostnames are
internal and left to cms.audit.internal_links. The network side is cms.audit.linkcheck."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from cms.audit import links
from cms.audit import rules as R
from cms.audit.data import Finding
from cms.audit.linkcheck import CheckOptions, LinkResult, check_urls
from cms.audit.rules import Severity

HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# How many broken addresses one finding quotes before "等N个".
QUOTED_LINKS = 5


@dataclass
class PageLinks:
    page_id: int
    site_id: int
    title: str
    urls: list[str] = field(default_factory=list)


@dataclass
class CheckSummary:
    pages: int
    links: int
    broken: list[tuple[PageLinks, LinkResult]]


def normalise(url: str) -> str | None:
    """An absolute http(s) URL without its #fragment, or None for anything else."""
    url = html.unescape(url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))


def external_urls(text: str, internal_hosts: set[str]) -> list[str]:
    found = []
    for raw in HREF.findall(text or ""):
        url = normalise(raw)
        if url and (urlsplit(url).hostname or "").lower() not in internal_hosts:
            found.append(url)
    return found


def _source_fields(model) -> tuple[list[str], list[str]]:
    from wagtail.fields import RichTextField

    rich, plain = [], []
    for f in model._meta.local_concrete_fields:
        if isinstance(f, RichTextField):
            rich.append(f.attname)
        elif isinstance(f, models.URLField) and f.editable:
            plain.append(f.attname)
    return rich, plain


def gather_links(profiles=None) -> list[PageLinks]:
    """Every publicly visible page of `profiles` (all sites when None) with outbound links."""
    from django.apps import apps
    from wagtail.models import Page, Site

    from cms.audit.gather import _SiteIndex
    from cms.pages.queries import publicly_visible
    from sites.models import SiteProfile

    if profiles is None:
        profiles = list(SiteProfile.objects.select_related("site__root_page"))
    index = _SiteIndex({p.site.root_page.path: p.pk for p in profiles})
    if not index.roots:
        return []
    internal_hosts = {h.lower() for h in Site.objects.values_list("hostname", flat=True)}
    pages: dict[int, PageLinks] = {}
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        rich, plain = _source_fields(model)
        if not rich and not plain:
            continue
        query = Q()
        for name in rich:
            query |= Q(**{f"{name}__icontains": "http"})
        for name in plain:
            query |= ~Q(**{name: ""})
        rows = publicly_visible(model.objects.filter(index.path_filter()).filter(query))
        for row in rows.values("id", "path", "title", *rich, *plain):
            site_id = index.site_of(row["path"])
            if site_id is None:
                continue
            urls = [u for name in rich for u in external_urls(row[name], internal_hosts)]
            for name in plain:
                url = normalise(row[name] or "")
                if url and (urlsplit(url).hostname or "").lower() not in internal_hosts:
                    urls.append(url)
            if not urls:
                continue
            entry = pages.setdefault(row["id"], PageLinks(row["id"], site_id, row["title"]))
            entry.urls = list(dict.fromkeys([*entry.urls, *urls]))
    return sorted(pages.values(), key=lambda p: p.page_id)


def store(
    profiles, pages: list[PageLinks], results: dict[str, LinkResult], now: dt.datetime
) -> None:
    """Replace the stored results of `profiles` with this run's, and log the run per site."""
    from cms.audit.models import ExternalLink, LinkCheckRun

    with transaction.atomic():
        ExternalLink.objects.filter(site__in=[p.pk for p in profiles]).delete()
        ExternalLink.objects.bulk_create(
            (
                ExternalLink(
                    site_id=page.site_id,
                    page_id=page.page_id,
                    url=url[:2000],
                    ok=results[url].ok,
                    status_code=results[url].status,
                    error=results[url].error[:200],
                    checked_at=now,
                )
                for page in pages
                for url in page.urls
            ),
            batch_size=1000,
        )
        per_site: dict[int, list[str]] = {p.pk: [] for p in profiles}
        for page in pages:
            per_site.setdefault(page.site_id, []).extend(page.urls)
        LinkCheckRun.objects.bulk_create(
            LinkCheckRun(
                site_id=site_id,
                checked_at=now,
                links=len(urls),
                broken=sum(1 for u in urls if not results[u].ok),
            )
            for site_id, urls in per_site.items()
        )


def run_check(profiles=None, options: CheckOptions | None = None) -> CheckSummary:
    """Check every outbound link of `profiles` (all sites when None) and store the results."""
    from sites.models import SiteProfile

    if profiles is None:
        profiles = list(SiteProfile.objects.select_related("site__root_page"))
    pages = gather_links(profiles)
    results = check_urls((u for p in pages for u in p.urls), options)
    store(profiles, pages, results, timezone.now())
    broken = [(p, results[u]) for p in pages for u in p.urls if not results[u].ok]
    return CheckSummary(len(pages), len(results), broken)


def stored_findings(site_ids: Iterable[int] | None) -> dict[int, list[Finding]]:
    """One 扣分 finding per page with broken outbound links at the last check (one query)."""
    from cms.audit.models import ExternalLink

    rows = ExternalLink.objects.filter(ok=False)
    if site_ids is not None:
        rows = rows.filter(site_id__in=list(site_ids))
    per_page: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in rows.values(
        "site_id", "page_id", "page__title", "url", "error", "checked_at"
    ).order_by("page_id", "url"):
        per_page[(row["site_id"], row["page_id"])].append(row)
    findings: dict[int, list[Finding]] = defaultdict(list)
    for (site_id, page_id), broken in per_page.items():
        quoted = "；".join(f"{r['url']}（{r['error']}）" for r in broken[:QUOTED_LINKS])
        more = f"等{len(broken)}个" if len(broken) > QUOTED_LINKS else f"共{len(broken)}个"
        checked = timezone.localtime(broken[0]["checked_at"])
        findings[site_id].append(
            Finding(
                Severity.DEDUCTION,
                R.EXTERNAL_LINK_BROKEN,
                site_id,
                "page",
                page_id,
                broken[0]["page__title"],
                f"外部链接无法访问（{checked:%Y-%m-%d}检查）：{quoted}，{more}；请修改或删除。",
                links.page_edit(page_id),
            )
        )
    return findings


def last_check(site_id: int):
    """The site's latest LinkCheckRun (when, how many links, how many broken), or None."""
    from cms.audit.models import LinkCheckRun

    return LinkCheckRun.objects.filter(site_id=site_id).order_by("-checked_at").first()
