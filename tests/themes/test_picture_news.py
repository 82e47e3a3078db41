"""图片新闻 on a site home and on the portal (issue 15 item 7): publicly listable articles with a
cover image, with alt text, responsive renditions (srcset) and lazy loading."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from cms.pages.withdrawal import withdraw_page
from fixtures.factories import ArticlePageFactory, demo_image
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client


def picture_article(column, title: str, seed: int, **kwargs):
    image = demo_image(title, seed=seed, caption="示例图片")
    return ArticlePageFactory(
        parent=column, title=title, cover_image=image, cover_alt=f"{title}现场", **kwargs
    )


def block(html: str) -> str:
    match = re.search(r'<section class="home-block picture-news".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_county_home_shows_its_picture_news_with_alt_srcset_and_lazy_loading(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    shown = picture_article(column, "安宁县春耕生产全面展开", 1)
    ArticlePageFactory(parent=column, title="没有图片的新闻")
    withdrawn = picture_article(column, "已撤稿的图片新闻", 2)
    withdraw_page(withdrawn, reason="信息有误。")
    picture_article(cluster.column(cluster.county_b, "gzdt"), "清源县的图片新闻", 3)

    html = block(host_client(COUNTY_A_HOST).get("/").content.decode())
    assert "图片新闻" in html
    assert "安宁县春耕生产全面展开" in html
    assert 'alt="安宁县春耕生产全面展开现场"' in html
    assert 'loading="lazy"' in html
    srcset = re.search(r'srcset="([^"]+)"', html).group(1)
    assert srcset.count("/media/images/") == 3 and "320w" in srcset and "960w" in srcset
    assert "没有图片的新闻" not in html and "已撤稿的图片新闻" not in html
    assert "清源县的图片新闻" not in html
    assert f'href="{shown.get_url_parts()[2]}"' in html


def test_rendition_files_are_public_files(cluster, settings):
    from pathlib import Path

    picture_article(cluster.column(cluster.county_a, "gzdt"), "图片文件可以访问", 4)
    html = block(host_client(COUNTY_A_HOST).get("/").content.decode())
    src = re.search(r' src="/media/(images/[^"]+)"', html).group(1)
    assert (Path(settings.MEDIA_ROOT) / src).is_file()


def test_no_block_without_pictures(cluster):
    assert "picture-news" not in host_client(COUNTY_A_HOST).get("/").content.decode()


def test_portal_shows_its_own_pictures_not_an_unaccepted_countys(cluster):
    picture_article(cluster.column(cluster.city, "gzdt"), "长河市重点项目集中开工", 5)
    picture_article(cluster.column(cluster.county_a, "gzdt"), "未报送门户的县区图片", 6)
    html = block(host_client(CITY_HOST).get("/").content.decode())
    assert "长河市重点项目集中开工" in html
    assert "未报送门户的县区图片" not in html


def test_a_cover_image_needs_alt_text(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    article = ArticlePageFactory(parent=column)
    article.cover_image = demo_image("无说明", seed=7)
    article.cover_alt = " "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "图片替代文本" in str(error.value)


def test_query_count_does_not_grow_with_pictures(cluster):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    column = cluster.column(cluster.county_a, "gzdt")

    def count() -> int:
        client = host_client(COUNTY_A_HOST)
        client.get("/")  # renditions are made on the first view, then read
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    picture_article(column, "第一张图片", 11)
    one = count()
    for seed in (12, 13, 14):
        picture_article(column, f"第{seed}张图片", seed)
    assert count() == one
