"""Which items a feed carries: one FeedScope per feed kind (site, column, category, topic,
organisation, saved search, cluster), resolved from the request's host and URL. Every scope's
items are `cms.pages.queries.publicly_listable()` rows (docs/adr/0004), never a filter of its own,
so a withdrawn, unpublished or 不予公开 item leaves every feed at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from wagtail.models import Page

from cms.disclosure.models import DisclosurePage, Organisation, Topic
from cms.disclosure.vocab import CATEGORY_TITLES
from cms.pages.models import ColumnPage
from cms.pages.queries import listable_page_models, publicly_listable
from sites.models import SiteLevel, SiteProfile

DEFAULT_FEED_ITEMS = 50
FORMATS = {"rss": "RSS 2.0", "atom": "Atom", "json": "JSON Feed"}
DEFAULT_FORMAT = "rss"


def feed_items() -> int:
    return int(getattr(settings, "JIYUE_FEED_ITEMS", DEFAULT_FEED_ITEMS))


class NotFound(Http404):
    """A feed that does not exist on this host; the message is for the visitor, in Chinese."""


# Ids past the database's integer range are refused before a query (SQLite raises OverflowError).
MAX_ID = 2**31 - 1


def _check_id(value: int, message: str) -> int:
    if not 0 < value <= MAX_ID:
        raise NotFound(message)
    return value


@dataclass
class FeedScope:
    kind: str
    title: str
    description: str
    link: str  # the HTML page the feed follows (absolute)
    path: str  # the feed's own path, without format
    profile: SiteProfile
    queryset: QuerySet[Page]  # publicly listable Page rows, unordered
    search_params: QueryDict | None = None  # a saved search: ids come from the search engine

    def url(self, fmt: str, request: HttpRequest | None = None) -> str:
        query = (
            self.search_params.copy() if self.search_params is not None else QueryDict(mutable=True)
        )
        query.pop("format", None)
        if fmt != DEFAULT_FORMAT:
            query["format"] = fmt
        suffix = f"?{query.urlencode()}" if query else ""
        relative = f"{self.path}{suffix}"
        return request.build_absolute_uri(relative) if request is not None else relative


def current_profile(request: HttpRequest) -> SiteProfile:
    profile = SiteProfile.for_request(request)
    if profile is None:
        raise NotFound("本网址没有对应的网站。")
    return profile


def _site_url(profile: SiteProfile, request: HttpRequest | None) -> str:
    return profile.site.root_page.get_full_url(request) or profile.site.root_url


def _pages_with(field: str, values) -> Q:
    """Pages of any listable type whose `field` is in `values` (one subquery per type with it)."""
    condition = Q(pk__in=[])
    for model in listable_page_models():
        try:
            relation = model._meta.get_field(field)
        except Exception:
            continue
        if relation.is_relation:
            condition |= Q(pk__in=model.objects.filter(**{f"{field}__in": values}).values("pk"))
    return condition


def site_scope(request: HttpRequest) -> FeedScope:
    profile = current_profile(request)
    root = profile.site.root_page
    return FeedScope(
        kind="site",
        title=f"{profile.canonical_name} 最新信息",
        description=f"{profile.canonical_name}各栏目最新发布的信息。",
        link=_site_url(profile, request),
        path=reverse("feeds:site"),
        profile=profile,
        queryset=publicly_listable(root),
    )


def column_scope(request: HttpRequest, column_id: int) -> FeedScope:
    profile = current_profile(request)
    _check_id(column_id, "本网站没有这个栏目，或栏目未公开。")
    column = (
        ColumnPage.objects.descendant_of(profile.site.root_page)
        .live()
        .public()
        .filter(pk=column_id)
        .first()
    )
    if column is None:
        raise NotFound("本网站没有这个栏目，或栏目未公开。")
    return FeedScope(
        kind="column",
        title=f"{column.title} - {profile.canonical_name}",
        description=column.description or f"{profile.canonical_name}“{column.title}”栏目最新信息。",
        link=column.get_full_url(request) or "",
        path=reverse("feeds:column", args=[column.pk]),
        profile=profile,
        queryset=publicly_listable(column),
    )


def category_column(profile: SiteProfile, slug: str) -> ColumnPage | None:
    """The site's 法定主动公开内容 column of category `slug`, if it has one."""
    if slug not in CATEGORY_TITLES:
        return None
    return (
        ColumnPage.objects.descendant_of(profile.site.root_page)
        .live()
        .public()
        .filter(slug=slug)
        .first()
    )


def category_scope(request: HttpRequest, slug: str) -> FeedScope:
    profile = current_profile(request)
    column = category_column(profile, slug)
    if column is None:
        raise NotFound("本网站没有这个信息类别。")
    title = CATEGORY_TITLES[slug]
    # Filed in the category's column, or given the category explicitly while filed elsewhere.
    tagged = DisclosurePage.objects.filter(category=slug).values("pk")
    queryset = publicly_listable(profile.site.root_page).filter(
        Q(path__startswith=column.path) & ~Q(pk=column.pk) | Q(pk__in=tagged)
    )
    return FeedScope(
        kind="category",
        title=f"{title}（法定主动公开内容） - {profile.canonical_name}",
        description=f"{profile.canonical_name}法定主动公开内容“{title}”类最新信息。",
        link=column.get_full_url(request) or "",
        path=reverse("feeds:category", args=[slug]),
        profile=profile,
        queryset=queryset,
    )


def topic_scope(request: HttpRequest, topic_id: int) -> FeedScope:
    profile = current_profile(request)
    _check_id(topic_id, "没有这个主题分类。")
    topic = Topic.objects.select_related("parent").filter(pk=topic_id).first()
    if topic is None:
        raise NotFound("没有这个主题分类。")
    topics = [topic.pk, *topic.children.values_list("pk", flat=True)]
    label = topic.path_label
    return FeedScope(
        kind="topic",
        title=f"主题分类：{label} - {profile.canonical_name}",
        description=f"{profile.canonical_name}主题分类“{label}”下最新公开的信息。",
        link=request.build_absolute_uri(f"{reverse('disclosure_catalogue')}?topic={topic.pk}"),
        path=reverse("feeds:topic", args=[topic.pk]),
        profile=profile,
        queryset=publicly_listable(profile.site.root_page).filter(_pages_with("topic", topics)),
    )


def organisation_scope(request: HttpRequest, organisation_id: int) -> FeedScope:
    profile = current_profile(request)
    _check_id(organisation_id, "本网站没有这个机构。")
    organisation = Organisation.objects.filter(pk=organisation_id, site=profile).first()
    if organisation is None:
        raise NotFound("本网站没有这个机构。")
    return FeedScope(
        kind="organisation",
        title=f"{organisation.name} - {profile.canonical_name}",
        description=f"{organisation.name}在{profile.canonical_name}最新发布的信息。",
        link=request.build_absolute_uri(
            f"{reverse('disclosure_catalogue')}?organisation={organisation.pk}"
        ),
        path=reverse("feeds:organisation", args=[organisation.pk]),
        profile=profile,
        queryset=publicly_listable(profile.site.root_page).filter(
            _pages_with("organisation", [organisation.pk])
        ),
    )


def search_scope(request: HttpRequest) -> FeedScope:
    """A saved search. The matching ids come from the unified search (search.service); the rows
    are still narrowed by publicly_listable, so an index that lags never leaks a withdrawn page."""
    profile = current_profile(request)
    params = request.GET.copy()
    params.pop("format", None)
    params.pop("page", None)
    query = params.get("q", "").strip()
    title = f"搜索“{query[:30]}”" if query else "搜索结果"
    return FeedScope(
        kind="search",
        title=f"{title} - {profile.canonical_name}",
        description=f"在{profile.canonical_name}搜索“{query[:30]}”的最新结果。",
        link=request.build_absolute_uri(f"{reverse('search')}?{params.urlencode()}"),
        path=reverse("feeds:search"),
        profile=profile,
        queryset=publicly_listable().filter(pk__in=search_ids(params, profile)),
        search_params=params,
    )


def search_ids(params: QueryDict, profile: SiteProfile) -> list[int]:
    """Ids of the newest matches, through the unified search service. Not `run_search`: a feed
    reader polling a saved search is not a visitor searching, so it stays out of 热词 statistics."""
    from search.engines import get_engine
    from search.service import build_request

    outcome = build_request(params, profile.site_id)
    request = outcome.request
    request.page, request.per_page, request.sort = 1, feed_items(), "newest"
    return [hit.id for hit in get_engine().search(request).hits]


def cluster_scope(request: HttpRequest) -> FeedScope:
    profile = current_profile(request)
    if profile.level != SiteLevel.CITY:
        raise NotFound("全站群订阅只在市级门户网站提供。")
    return FeedScope(
        kind="cluster",
        title=f"{profile.canonical_name} 全站群最新信息",
        description="本市政府网站集约化平台上所有网站最新发布的信息。",
        link=_site_url(profile, request),
        path=reverse("feeds:cluster"),
        profile=profile,
        queryset=publicly_listable(),
    )
