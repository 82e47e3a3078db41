"""Short slugs (cms.core.slugs): a new page titled in Chinese gets its pinyin initials, at most
40 characters, unique among its siblings; a typed ASCII slug is kept, and a published page's
slug is never rewritten."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify

from cms.core.publishing import publish_page
from cms.core.slugs import MAX_SLUG_LENGTH, initials
from cms.pages.models import ArticlePage
from tests.conftest import host_client

LONG_TITLE = (
    "长河市人民政府办公室关于印发长河市二〇二六年冬春季农村人居环境整治提升行动实施方案"
    "及其配套保障措施和资金使用管理办法的通知"
)
BODY = (
    '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


def add_article(client, column, title: str, slug: str):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk]),
        {
            "title": title,
            "slug": slug,
            "source": "长河市人民政府办公室",
            "body": BODY,
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )


def test_a_sixty_character_title_gets_a_short_ascii_slug(cluster, make_user):
    assert len(LONG_TITLE) >= 60
    editor = make_user("ed", groups=[cluster.city.editors_group])
    column = cluster.column(cluster.city, "gzdt")
    client = host_client("www.localhost", editor)
    # What Wagtail's editor fills in from the title.
    for _ in range(2):
        assert add_article(client, column, LONG_TITLE, slugify(LONG_TITLE, True)).status_code == 302
    first, second = ArticlePage.objects.filter(title=LONG_TITLE).order_by("pk")
    assert first.slug.isascii() and len(first.slug) <= MAX_SLUG_LENGTH
    assert first.slug.startswith("chsrmzfbgsgyyfchselel")
    assert second.slug == f"{first.slug}-2"


def test_a_typed_slug_is_kept_and_a_published_slug_never_changes(cluster, make_user):
    editor = make_user("ed", groups=[cluster.city.editors_group])
    column = cluster.column(cluster.city, "gzdt")
    client = host_client("www.localhost", editor)
    assert add_article(client, column, "冬季供暖通知", "heating-2026").status_code == 302
    assert ArticlePage.objects.get(title="冬季供暖通知").slug == "heating-2026"

    page = publish_page(
        ArticlePage(title="旧通知", slug="旧通知", body="<p>正文</p>"), parent=column
    )
    assert page.slug == "旧通知"  # typed by code: kept, as an import's URL would be
    page.title = "新的标题"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "旧通知"


def test_code_that_gives_no_slug_gets_a_short_one(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    page = publish_page(
        ArticlePage(title="安宁县2026年秋季防火通知", body="<p>正文</p>"), parent=column
    )
    assert page.slug == "anx2026nqjfhtz" == initials(page.title)
