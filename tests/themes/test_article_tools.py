"""Article and disclosure pages carry 字号, 打印, a locally drawn QR code of the page URL and
上一篇/下一篇 in the column's public order (issue 15 item 6)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from cms.pages.withdrawal import withdraw_page
from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, host_client
from themes.article_tools import qr_data_uri


def path(page) -> str:
    return page.get_url_parts()[2]


def neighbours(html: str) -> tuple[str, str]:
    prev = re.search(r"上一篇：(.*?)</p>", html).group(1)
    following = re.search(r"下一篇：(.*?)</p>", html).group(1)
    return prev, following


def test_previous_and_next_follow_the_columns_public_order(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    oldest = ArticlePageFactory.published_days_ago(5, parent=column, title="最早的一篇")
    middle = ArticlePageFactory.published_days_ago(3, parent=column, title="中间的一篇")
    newer = ArticlePageFactory.published_days_ago(2, parent=column, title="较新的一篇")
    newest = ArticlePageFactory.published_days_ago(1, parent=column, title="最新的一篇")
    # Another column's item is never a neighbour.
    ArticlePageFactory.published_days_ago(
        3, parent=cluster.column(cluster.county_a, "tzgg"), title="别的栏目"
    )
    client = host_client(COUNTY_A_HOST)

    prev, following = neighbours(client.get(middle.get_url()).content.decode())
    # The list is newest first: 上一篇 is the item above (newer), 下一篇 the one below (older).
    assert f'href="{path(newer)}" rel="prev">较新的一篇' in prev
    assert f'href="{path(oldest)}" rel="next">最早的一篇' in following

    prev, following = neighbours(client.get(newest.get_url()).content.decode())
    assert "没有了" in prev and "中间" not in prev
    assert "较新的一篇" in following
    prev, following = neighbours(client.get(oldest.get_url()).content.decode())
    assert "中间的一篇" in prev and "没有了" in following

    # A withdrawn item leaves the list, so it is no neighbour either (publicly listable rule).
    withdraw_page(newer, reason="信息有误，已撤稿。")
    prev, _ = neighbours(client.get(middle.get_url()).content.decode())
    assert "最新的一篇" in prev and "较新的一篇" not in prev


def test_article_shows_a_local_qr_code_of_its_url_and_the_tools(cluster):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    html = host_client(COUNTY_A_HOST).get(article.get_url()).content.decode()
    url = article.get_full_url()
    match = re.search(r'<img src="(data:image/svg\+xml[^"]+)" alt="本页网址二维码"', html)
    assert match is not None
    assert match.group(1).replace("&#x27;", "'") == qr_data_uri(url)
    assert unquote(match.group(1)).startswith("data:image/svg+xml;charset=utf-8,<svg")
    assert "手机扫码浏览" in html and "分享到微信" in html
    for control in ('data-font-size="large"', 'data-font-size="medium"', 'data-font-size="small"'):
        assert control in html
    assert 'class="print-button"' in html
    assert '<script src="/static/themes/js/article-tools.js" defer></script>' in html
    # Nothing inline for the CSP to refuse.
    assert "<script>" not in html and " style=" not in html


def test_disclosure_page_has_the_same_tools(cluster, orgs, make_disclosure):
    column = cluster.column(cluster.county_a, "fgwj")
    first = make_disclosure(column, orgs["county_a"], title="第一份规范性文件")
    second = make_disclosure(column, orgs["county_a"], title="第二份规范性文件")
    html = host_client(COUNTY_A_HOST).get(first.get_url()).content.decode()
    assert "手机扫码浏览" in html and 'class="print-button"' in html
    prev, following = neighbours(html)
    assert "第二份规范性文件" in prev or "第二份规范性文件" in following
    assert f'href="{path(second)}"' in prev + following


def test_print_stylesheet_hides_the_chrome():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "themes/static/themes/css/pages.css").read_text()
    print_rules = css[css.index("@media print") :]
    for selector in (".main-nav", ".article-tools-actions", ".article-neighbours", ".toolbar"):
        assert selector in print_rules
