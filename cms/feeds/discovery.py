"""Which feeds apply where: the `<link rel="alternate">` feeds a page advertises (the site's
feed always, the cluster's on the portal, plus the column's and the 法定主动公开内容 category's on
column and item pages) and the full list of a site's feeds on its 订阅 page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page

from cms.disclosure.models import Organisation, Topic
from cms.disclosure.vocab import CATEGORY_TITLES
from cms.feeds.scopes import DEFAULT_FORMAT, FORMATS
from cms.pages.models import ColumnPage
from sites.models import SiteLevel, SiteProfile

ALTERNATE_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str
    depth: int = 0

    def url(self, fmt: str) -> str:
        return self.path if fmt == DEFAULT_FORMAT else f"{self.path}?format={fmt}"

    @property
    def formats(self) -> list[tuple[str, str, str]]:
        """(format, label, URL) of each of the three formats."""
        return [(fmt, label, self.url(fmt)) for fmt, label in FORMATS.items()]


@dataclass
class FeedGroup:
    title: str
    explanation: str
    feeds: list[FeedLink] = field(default_factory=list)


def _column_links(page: Page) -> list[FeedLink]:
    """The column's feed, and the 法定主动公开内容 category's when the column is one."""
    links = [FeedLink(f"栏目：{page.title}", reverse("feeds:column", args=[page.pk]))]
    if page.slug in CATEGORY_TITLES:
        title = CATEGORY_TITLES[page.slug]
        links.append(FeedLink(f"信息类别：{title}", reverse("feeds:category", args=[page.slug])))
    return links


def page_feeds(profile: SiteProfile | None, page: Page | None) -> list[FeedLink]:
    """The feeds a page advertises with `<link rel="alternate">`, most general first."""
    if not profile:  # the context's lazy profile of a host without a site
        return []
    links = [FeedLink(f"{profile.canonical_name} 最新信息", reverse("feeds:site"))]
    if profile.level == SiteLevel.CITY:
        links.append(FeedLink("全站群最新信息", reverse("feeds:cluster")))
    if page is None or not isinstance(page, Page):
        return links
    if isinstance(page, ColumnPage):
        return links + _column_links(page)
    if getattr(page, "is_column_item", False):
        parent = page.get_parent()
        if parent is not None and parent.depth > 2:
            links += _column_links(parent)
        category = getattr(page, "category", "")
        if category in CATEGORY_TITLES and (parent is None or parent.slug != category):
            links.append(
                FeedLink(
                    f"信息类别：{CATEGORY_TITLES[category]}",
                    reverse("feeds:category", args=[category]),
                )
            )
    return links


def site_feeds(request: HttpRequest, profile: SiteProfile) -> list[FeedGroup]:
    """Every feed of the site, grouped for the 订阅 page."""
    root = profile.site.root_page
    general = FeedGroup("全站订阅", "本站所有栏目最新发布的信息。", page_feeds(profile, None))
    columns = FeedGroup("栏目订阅", "订阅某个栏目（含其下级栏目）最新发布的信息。")
    categories = FeedGroup(
        "法定主动公开内容",
        "按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的信息类别订阅。",
    )
    for column in (
        ColumnPage.objects.descendant_of(root)
        .live()
        .public()
        .order_by("path")
        .only("title", "slug", "path", "depth")
    ):
        depth = column.depth - root.depth - 1
        columns.feeds.append(
            FeedLink(column.title, reverse("feeds:column", args=[column.pk]), depth)
        )
        if column.slug in CATEGORY_TITLES:
            categories.feeds.append(
                FeedLink(
                    CATEGORY_TITLES[column.slug], reverse("feeds:category", args=[column.slug])
                )
            )
    organisations = FeedGroup(
        "机构订阅",
        "订阅本站某个机构发布的信息。",
        [
            FeedLink(org.name, reverse("feeds:organisation", args=[org.pk]))
            for org in Organisation.objects.filter(site=profile).order_by("sort_order", "pk")
        ],
    )
    topics = FeedGroup(
        "主题分类订阅",
        "按主题分类订阅本站公开的信息；订阅一级主题时包含其下的二级主题。",
        [
            FeedLink(
                topic.name, reverse("feeds:topic", args=[topic.pk]), 1 if topic.parent_id else 0
            )
            for topic in _topics_in_tree_order()
        ],
    )
    groups = [general, columns, categories, organisations, topics]
    return [group for group in groups if group.feeds]


def _topics_in_tree_order() -> list[Topic]:
    topics = list(Topic.objects.order_by("sort_order", "pk"))
    children: dict[int, list[Topic]] = {}
    for topic in topics:
        if topic.parent_id:
            children.setdefault(topic.parent_id, []).append(topic)
    ordered = []
    for topic in topics:
        if not topic.parent_id:
            ordered.append(topic)
            ordered.extend(children.get(topic.pk, []))
    return ordered
