"""Reads what the checks need, for one site or the whole cluster, in a fixed number of queries
(under twenty, whatever the number of sites or pages): every row is fetched with `values()` and
assigned to its site by tree path, so no query runs per site, column or page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page

from cms.audit.data import (
    ColumnData,
    DisclosureData,
    ReportData,
    RequestData,
    SiteData,
    SiteInput,
)
from cms.pages.column_types import ColumnType
from sites.models import SiteProfile


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


class _SiteIndex:
    """Finds the site a page belongs to from its tree path (a site's pages share its root's path)."""

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.lengths = sorted({len(path) for path in roots}, reverse=True)

    def site_of(self, path: str) -> int | None:
        for length in self.lengths:
            site_id = self.roots.get(path[:length])
            if site_id is not None:
                return site_id
        return None

    def path_filter(self, field: str = "path") -> Q:
        query = Q()
        for root in self.roots:
            query |= Q(**{f"{field}__startswith": root})
        return query


def gather(profiles: list[SiteProfile] | None = None) -> dict[int, SiteInput]:
    """SiteInput per site id for `profiles` (every site when None)."""
    from cms.disclosure.models import DisclosurePage, InterpretedPolicy, Organisation
    from cms.disclosure.vocab import DisclosureMethod, RegulatoryKind
    from cms.pages.models import ColumnPage
    from cms.reports.models import AnnualReport, ReportStatus
    from cms.requests.models import RequestCase

    if profiles is None:
        profiles = list(SiteProfile.objects.select_related("site__root_page"))
    if not profiles:
        return {}
    whole_cluster = len(profiles) == SiteProfile.objects.count()
    roots = {p.site.root_page.path: p.pk for p in profiles}
    index = _SiteIndex(roots)
    scope = Q() if whole_cluster else index.path_filter()
    steplen = Page.steplen

    columns_by_path: dict[str, dict] = {}
    for row in (
        ColumnPage.objects.live()
        .filter(scope)
        .values("id", "path", "title", "column_type")
        .order_by("path")
    ):
        columns_by_path[row["path"]] = row
    column_parents = {path[:-steplen] for path in columns_by_path}

    # Content of each column: live, public, not withdrawn pages that are not columns themselves.
    content = (
        Page.objects.live()
        .public()
        .filter(scope, withdrawal__isnull=True, depth__gt=2)
        .exclude(content_type__model="columnpage", content_type__app_label="pages")
        .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
        .values("parent_path")
        .annotate(n=Count("id"), latest=Max("first_published_at"))
        .order_by()
    )
    per_parent = {row["parent_path"]: (row["n"], row["latest"]) for row in content}

    inputs: dict[int, SiteInput] = {}
    latest_per_site: dict[int, dt.datetime] = {}
    columns_per_site: dict[int, list[ColumnData]] = defaultdict(list)
    for path, row in columns_by_path.items():
        site_id = index.site_of(path)
        if site_id is None:
            continue
        count, latest = per_parent.get(path, (0, None))
        if latest and (site_id not in latest_per_site or latest > latest_per_site[site_id]):
            latest_per_site[site_id] = latest
        columns_per_site[site_id].append(
            ColumnData(
                id=row["id"],
                site_id=site_id,
                title=row["title"],
                column_type=row["column_type"],
                item_count=count,
                latest_item=_local_date(latest),
                has_subcolumns=path in column_parents,
            )
        )

    # Read the homes' publication dates from the database, not from profile.site.root_page,
    # which may be a copy loaded before the last publish.
    home_published = dict(
        Page.objects.filter(pk__in=[p.site.root_page_id for p in profiles]).values_list(
            "pk", "last_published_at"
        )
    )
    for profile in profiles:
        home_id = profile.site.root_page_id
        home_date = home_published.get(home_id)
        candidates = [d for d in (home_date, latest_per_site.get(profile.pk)) if d]
        inputs[profile.pk] = SiteInput(
            site=SiteData(
                id=profile.pk,
                name=profile.canonical_name,
                hostname=profile.site.hostname,
                level=profile.level,
                home_id=home_id,
                last_update=_local_date(max(candidates)) if candidates else None,
            ),
            columns=columns_per_site.get(profile.pk, []),
        )

    interpretations = dict(
        InterpretedPolicy.objects.filter(page__live=True)
        .values("policy_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("policy_id", "n")
    )
    disclosures = (
        DisclosurePage.objects.filter(scope, alias_of__isnull=True)
        .exclude(disclosure_method=DisclosureMethod.NOT_DISCLOSED)
        .annotate(summary_len=Length("summary"), withdrawn=Exists(_withdrawals()))
        .values(
            "id",
            "path",
            "title",
            "index_number",
            "organisation__name",
            "written_date",
            "first_published_at",
            "live",
            "summary_len",
            "topic_id",
            "regulatory_kind",
            "withdrawn",
            "changed_date",
            "last_published_at",
        )
        .order_by("path")
    )
    change_published = _change_publications(
        Q() if whole_cluster else index.path_filter("page__path")
    )
    policy_kinds = {RegulatoryKind.RULE, RegulatoryKind.NORMATIVE}
    for row in disclosures.iterator(chunk_size=5000):
        site_id = index.site_of(row["path"])
        if site_id is None or row["written_date"] is None:
            continue
        parent = columns_by_path.get(row["path"][:-steplen])
        is_policy = row["regulatory_kind"] in policy_kinds or (
            parent is not None and parent["column_type"] == ColumnType.POLICY
        )
        inputs[site_id].disclosures.append(
            DisclosureData(
                id=row["id"],
                site_id=site_id,
                title=row["title"],
                index_number=row["index_number"],
                organisation=row["organisation__name"] or "",
                written_date=row["written_date"],
                published_on=_local_date(row["first_published_at"]),
                live=row["live"] and not row["withdrawn"],
                has_summary=bool(row["summary_len"]),
                has_topic=row["topic_id"] is not None,
                is_policy=is_policy,
                interpretation_count=interpretations.get(row["id"], 0),
                changed_date=row["changed_date"],
                change_published_on=change_published.get(row["id"])
                or _local_date(row["last_published_at"]),
            )
        )

    site_ids = list(inputs)
    for row in RequestCase.objects.filter(site_id__in=site_ids).values(
        "id",
        "site_id",
        "tracking_code",
        "state",
        "received_date",
        "due_date",
        "wait_until",
        "correction_notice_date",
        "closed_date",
    ):
        inputs[row["site_id"]].requests.append(RequestData(**row))

    published: dict[int, set[int]] = defaultdict(set)
    for site_id, year in AnnualReport.objects.filter(
        status=ReportStatus.PUBLISHED, organisation__site_id__in=site_ids
    ).values_list("organisation__site_id", "year"):
        published[site_id].add(year)
    with_orgs = set(
        Organisation.objects.filter(site_id__in=site_ids)
        .values_list("site_id", flat=True)
        .distinct()
    )
    from cms.reports.site_generation import published_years

    site_reports = published_years(site_ids)
    for site_id, site_input in inputs.items():
        site_input.report = ReportData(
            site_id,
            frozenset(published.get(site_id, ())),
            site_id in with_orgs,
            frozenset(site_reports.get(site_id, ())),
        )

    from cms.audit.internal_links import gather_sources, gather_targets

    sources = [s for s in gather_sources(index.site_of) if s.site_id in inputs]
    targets = gather_targets(sources)
    for source in sources:
        inputs[source.site_id].link_sources.append(source)
    for site_input in inputs.values():
        site_input.link_targets = targets
    return inputs


def _withdrawals():
    from cms.pages.models import Withdrawal

    return Withdrawal.objects.filter(page_id=OuterRef("pk"))


def _change_publications(page_scope: Q) -> dict[int, dt.date]:
    """For each disclosure with a 变更日期: the day the first published revision carrying that
    变更日期 went live (one query over Wagtail's publish log; the revision content's own field).
    Pages without such a log entry (imported live) fall back to their last publication."""
    from wagtail.models import PageLogEntry

    from cms.core.publishing import PUBLISH_ACTION

    first: dict[int, dt.datetime] = {}
    for page_id, when, carried, current in (
        PageLogEntry.objects.filter(
            page_scope,
            action=PUBLISH_ACTION,
            page__disclosurepage__changed_date__isnull=False,
        )
        .values_list(
            "page_id",
            "timestamp",
            "revision__content__changed_date",
            "page__disclosurepage__changed_date",
        )
        .order_by("timestamp")
    ):
        if carried == current.isoformat() and page_id not in first:
            first[page_id] = when
    return {page_id: _local_date(when) for page_id, when in first.items()}
