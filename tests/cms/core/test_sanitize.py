"""The one sanitiser removes XSS vectors and hiding styles, on save of any rich-text field."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from cms.core.sanitize import ALLOWED_PROTOCOLS, ALLOWED_TAGS, sanitize_html
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client
from tests.security.xss_corpus import HIDING_STYLES, VISIBLE_STYLES, XSS_PAYLOADS

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "url", "xlink:href")

# A short list of classic vectors, for the form tests that post each one (the full corpus is
# tests/security/xss_corpus.py, checked in Chromium).
XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<p onclick=alert(1)>点击</p>",
    '<a href="javascript:alert(1)">链接</a>',
    '<a href="JaVaScRiPt:alert(1)">链接</a>',
    '<a href="&#106;avascript:alert(1)">链接</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">链接</a>',
    '<iframe src="//evil.example"></iframe>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    "<body onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<p style="width: expression(alert(1))">x</p>',
    '<form action="//evil.example"><input name=q></form>',
    '<meta http-equiv="refresh" content="0;url=//evil.example">',
    '<base href="//evil.example/">',
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
]


def _scheme(url: str) -> str:
    # As a browser reads it: control characters and whitespace anywhere are ignored.
    return urlsplit(re.sub(r"[\x00-\x20]", "", url)).scheme.lower()


def inert_problems(html: str) -> list[str]:
    """What in `html`, parsed as a browser would, could run script: none of it may remain."""
    problems = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name not in ALLOWED_TAGS:
            problems.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                problems.append(f"{tag.name}[{name}]")
            if name.lower() in _URL_ATTRIBUTES and _scheme(text) not in {"", *ALLOWED_PROTOCOLS}:
                problems.append(f"{tag.name}[{name}={text}]")
            if name.lower() == "style" and re.search(r"url\(|expression\(", text, re.I):
                problems.append(f"{tag.name}[style={text}]")
    return problems


@pytest.mark.parametrize("number", range(1, len(XSS_PAYLOADS) + 1))
def test_sanitizer_leaves_no_active_content(number):
    payload = XSS_PAYLOADS[number - 1]
    cleaned = sanitize_html(f"<p>前文</p>{payload}<p>后文</p>")
    assert not inert_problems(cleaned), cleaned
    # (An unclosed table may swallow what follows; what came before always survives.)
    assert "前文" in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_corpus_is_large():
    assert len(XSS_PAYLOADS) >= 60 and len(HIDING_STYLES) >= 40


def _declared(html: str) -> set[str]:
    declared = re.findall(r'style="([^"]*)"', html)
    return {
        part.split(":")[0].strip().lower() for d in declared for part in d.split(";") if ":" in part
    }


@pytest.mark.parametrize(("style", "gone"), HIDING_STYLES)
def test_sanitizer_removes_every_hiding_style(style, gone):
    cleaned = sanitize_html(
        f'<p style="{style}"><a href="https://casino.example/">隐藏链接</a></p>'
    )
    assert "隐藏链接" in cleaned
    assert not set(gone) & _declared(cleaned), cleaned
    assert sanitize_html(cleaned) == cleaned


@pytest.mark.parametrize("style", VISIBLE_STYLES)
def test_sanitizer_keeps_visible_styles(style):
    cleaned = sanitize_html(f'<p style="{style}">正文</p>')
    assert f'style="{style};"' in cleaned or f'style="{style}"' in cleaned, cleaned
    assert sanitize_html(cleaned) == cleaned


def test_sanitizer_keeps_ordinary_formatting_and_wagtail_references():
    html = (
        '<h2>一、总体要求</h2><p style="text-align:center"><strong>加粗</strong></p>'
        '<table><tr><td colspan="2">表格</td></tr></table>'
        '<a linktype="page" id="3">内链</a><embed embedtype="image" id="7" format="left" alt="图"/>'
        '<a href="https://www.gov.cn/">外链</a>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        "<h2>一、总体要求</h2>",
        "text-align:center",
        'colspan="2"',
        'linktype="page"',
        '<embed embedtype="image" id="7" format="left" alt="图"/>',
        'href="https://www.gov.cn/"',
    ):
        assert kept in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_rich_text_is_sanitised_on_save_and_never_reaches_the_page(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    article = ArticlePageFactory(
        parent=column,
        body='<p onmouseover="steal()">正文内容</p><script>alert("xss")</script>'
        "<img src=x onerror=alert(2)>",
    )
    article.refresh_from_db()
    assert "<script" not in article.body and "onmouseover" not in article.body
    html = host_client(cluster.county_a.site.hostname).get(article.get_url()).content
    page_html = html.decode()
    assert "正文内容" in page_html
    assert 'alert("xss")' not in page_html and "onerror" not in page_html
