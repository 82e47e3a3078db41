"""图片新闻 / 焦点图 (issue 15 item 7): the latest publicly listable articles with a cover image,
for the picture block of a site home and of the portal. Three queries however many pictures: the
view-restriction lookup of the listable rule, the articles joined to their images, and the
renditions the template asks for (prefetched by filter spec)."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.pages.queries import publicly_visible

PICTURE_NEWS_SIZE = 5
# The widths the block's srcset offers; keep in step with includes/picture_news.html.
RENDITION_SPECS = ("fill-320x200-c80", "fill-640x400-c80", "fill-960x600-c80")


def picture_news(within: Q, limit: int = PICTURE_NEWS_SIZE) -> list:
    """Articles below `within` (a Q on page paths) that are publicly listable and have a cover
    image, newest first, with their images and renditions loaded."""
    from cms.pages.models import ArticlePage

    images = get_image_model().objects.prefetch_renditions(*RENDITION_SPECS)
    articles = publicly_visible(ArticlePage.objects.filter(within, cover_image__isnull=False))
    return list(
        articles.order_by("-first_published_at", "-pk")
        .prefetch_related(Prefetch("cover_image", queryset=images))
        .only(
            "id", "title", "url_path", "path", "depth", "first_published_at",
            "cover_image", "cover_alt",
        )[:limit]
    )  # fmt: skip


def within_tree(home: Page) -> Q:
    return Q(path__startswith=home.path)


def portal_pictures(portal: Page) -> list:
    """The portal's 图片新闻 from what its 站群要闻 shows: its own tree and the sites it
    auto-accepts (cms.sharing.portal); a county picture nobody accepted stays on the county."""
    from cms.sharing.portal import auto_accepted_roots

    within = within_tree(portal)
    for path in auto_accepted_roots(portal):
        within |= Q(path__startswith=path)
    return picture_news(within)
