"""build_feed_item: one item of a page, a pure function of it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.feeds.items import build_feed_item, load_specific
from cms.pages.models import ColumnPage
from cms.pages.updates import content_id
from fixtures.factories import ColumnPageFactory


def test_item_carries_id_content_summary_categories_and_enclosures(article_with_file):
    item = build_feed_item(load_specific([article_with_file.pk])[0])
    assert item.id == str(article_with_file.translation_key) == content_id(article_with_file)
    assert item.title == "关于开展2026年春季植树活动的通知"
    assert item.url == "http://anning.localhost/gzdt/" + article_with_file.slug + "/"
    assert item.summary == "春季植树活动安排。"
    assert "<script" not in item.content_html and "alert" not in item.content_html
    # Root-relative links are made absolute for readers that have no page to resolve them on.
    assert 'href="http://anning.localhost/zwgk/"' in item.content_html
    assert item.categories == ("工作动态",)
    [enclosure] = item.enclosures
    assert enclosure.url.startswith("http://anning.localhost/documents/")
    assert enclosure.url.endswith(".pdf")
    assert enclosure.mime_type == "application/pdf"
    assert enclosure.length == len(b"%PDF-1.4\n%%EOF\n")
    assert enclosure.title == "附件1：报名登记表"


def test_dates_are_in_asia_shanghai(article_with_file):
    item = build_feed_item(article_with_file)
    assert item.published.utcoffset() == dt.timedelta(hours=8)
    assert item.updated.utcoffset() == dt.timedelta(hours=8)
    assert item.published == timezone.localtime(article_with_file.first_published_at)


def test_id_survives_a_move_and_a_rename(cluster, article_with_file):
    before = build_feed_item(article_with_file)
    other = ColumnPageFactory(parent=cluster.county_a.site.root_page, title="专题", slug="zt")
    article_with_file.move(other, pos="last-child")
    article = type(article_with_file).objects.get(pk=article_with_file.pk)
    article.title = "关于开展2026年春季义务植树活动的通知"
    article.slug = "zhishu"
    article.save_revision().publish()
    after = build_feed_item(type(article).objects.get(pk=article.pk))
    assert after.id == before.id
    assert after.url.endswith("/zt/zhishu/")
    assert ColumnPage.objects.filter(pk=other.pk).exists()


def test_disclosure_item_lists_category_topic_and_organisation(cluster, orgs, make_disclosure):
    column = _first_category_column(cluster)
    page = make_disclosure(column, orgs["county_a"], summary="惠民政策落实安排。")
    item = build_feed_item(load_specific([page.pk])[0])
    assert item.summary == "惠民政策落实安排。"
    assert "综合政务" in item.categories
    assert "安宁县人民政府" in item.categories
    assert column.title in item.categories


def _has(cluster, slug):
    return (
        ColumnPage.objects.descendant_of(cluster.county_a.site.root_page).filter(slug=slug).exists()
    )


def _first_category_column(cluster):
    """County A's first 法定主动公开内容 category column."""
    from cms.disclosure.vocab import CATEGORY_TITLES

    return (
        ColumnPage.objects.descendant_of(cluster.county_a.site.root_page)
        .filter(slug__in=list(CATEGORY_TITLES))
        .order_by("path")
        .first()
    )
