"""The feeds that carry a page, as the feeds app documents its URL scheme (cms/feeds/urls.py):
the site feed, the column feed of each column above it, and for a disclosure its category and
organisation feeds. Paths only, on the page's own site: the feeds app answers them."""

from __future__ import annotations

from wagtail.models import Page

from cms.disclosure.vocab import CATEGORY_TITLES
from cms.newmedia.outbox import page_category


def feed_links(page: Page) -> list[tuple[str, str]]:
    """[(label, absolute URL)] of the feeds that list `page` while it is publicly listable."""
    site = page.get_site()
    if site is None:
        return []
    root = site.root_url.rstrip("/")
    links = [("本站最新信息", f"{root}/feeds/")]
    from cms.pages.models import ColumnPage

    columns = ColumnPage.objects.ancestor_of(page).filter(depth__gt=site.root_page.depth)
    for column in columns.order_by("depth"):
        links.append((f"栏目：{column.title}", f"{root}/feeds/column/{column.pk}/"))
    category = page_category(page)
    if category:
        links.append(
            (
                f"信息类别：{CATEGORY_TITLES.get(category, category)}",
                f"{root}/feeds/category/{category}/",
            )
        )
    organisation = getattr(page, "organisation", None)
    if organisation is not None:
        links.append((f"机构：{organisation.name}", f"{root}/feeds/org/{organisation.pk}/"))
    return links
