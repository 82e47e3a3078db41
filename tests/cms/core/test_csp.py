"""Content-Security-Policy (cms/core/csp.py): every kind of public page and the admin send it;
public pages carry no inline script or style at all, the admin's few inline scripts carry the
response's nonce, and rich-text formatting reaches the page as classes, not style attributes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cms.core.csp import DEFAULT_POLICY, with_asset_origins
from cms.core.sanitize import sanitize_html, style_attributes_to_classes
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_BLOCK = re.compile(r'type="application/(ld\+)?json"', re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """Attributes of each executable inline `<script>` (JSON data blocks are not executed)."""
    return [a for a in SCRIPT.findall(html) if "src=" not in a and not DATA_BLOCK.search(a)]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().partition(" ")[::2] for part in header.split(";"))


def test_public_pages_send_the_policy_and_have_no_inline_code(cluster):
    host = cluster.county_a.site.hostname
    article = ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "gzdt"),
        body='<p style="text-align: right">安宁县人民政府</p><p style="text-indent:2em">正文</p>',
    )
    client = host_client(host)
    for path in ("/", article.get_url(), "/search/?q=正文", "/yisqgk/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == PUBLIC_POLICY, path  # no nonce: none needed
        html = response.content.decode()
        assert inline_scripts(html) == [], path
        assert "<style" not in html and " style=" not in html, path
    page_html = client.get(article.get_url()).content.decode()
    assert '<p class="rt-text-right">安宁县人民政府</p>' in page_html
    assert '<p class="rt-indent">正文</p>' in page_html


def test_admin_inline_scripts_carry_the_responses_nonce(cluster, make_user):
    editor = make_user("csp-editor", groups=[cluster.county_a.editors_group])
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="稿件")
    client = host_client("www.localhost", editor)
    login = host_client("www.localhost").get(reverse("wagtailadmin_login"))
    assert policy(login)["script-src"].startswith("'self'")
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        nonce = re.fullmatch(r"'self' 'nonce-([\w-]+)'", directives["script-src"]).group(1)
        assert directives["style-src"] == f"'self' 'nonce-{nonce}'"
        assert directives["frame-ancestors"] == "'none'"
        html = response.content.decode()
        # Each inline script Wagtail draws (inline panel, date pickers, choosers) has the nonce.
        scripts = inline_scripts(html)
        assert all(f'nonce="{nonce}"' in attrs for attrs in scripts), scripts
    assert len(scripts) >= 3  # the attachments panel, the two schedule pickers, …
    assert (
        client.get(reverse("wagtailadmin_home"))["Content-Security-Policy"]
        != (response["Content-Security-Policy"])
    )  # a fresh nonce for every response


def test_wagtails_preview_may_be_framed_by_the_admin_only(cluster, make_user):
    editor = make_user("csp-previewer", groups=[cluster.county_a.editors_group])
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="预览")
    client = host_client("www.localhost", editor)
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk]))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == "'self'"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ('<p style="text-align: center;">标题</p>', '<p class="rt-text-center">标题</p>'),
        (
            '<p class="lead" style="text-indent: 2em; color: #c00;">正文</p>',
            '<p class="lead rt-indent">正文</p>',
        ),
        ('<span style="font-weight: bold;">重</span>', '<span class="rt-bold">重</span>'),
        (
            '<img src="/a.png" style="vertical-align: middle;"/>',
            '<img src="/a.png" class="rt-valign-middle"/>',
        ),
        ('<td style="width: 30%;">格</td>', "<td>格</td>"),
        ('<p style="text-indent: -9999px;">暗</p>', "<p>暗</p>"),
    ],
)
def test_style_attributes_become_classes_on_the_page(stored, shown):
    assert style_attributes_to_classes(stored) == shown


def test_stored_rich_text_keeps_its_styles_for_editing_and_wechat():
    assert 'style="text-align: right;"' in sanitize_html('<p style="text-align: right;">落款</p>')


def test_a_separate_static_or_media_host_is_allowed_for_assets(settings):
    settings.STATIC_URL = "https://static.changhe.gov.cn/static/"
    settings.MEDIA_URL = "//files.changhe.gov.cn/media/"
    extended = with_asset_origins(DEFAULT_POLICY)
    for directive in ("script-src", "style-src", "img-src", "font-src"):
        assert "https://static.changhe.gov.cn" in extended[directive]
        assert "//files.changhe.gov.cn" in extended[directive]
    assert extended["default-src"] == ["'self'"] and extended["connect-src"] == ["'self'"]
