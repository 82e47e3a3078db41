"""The one sanitiser removes XSS vectors and hiding styles, on save of any rich-text field."""

import re

import pytest

from cms.core.sanitize import sanitize_html
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client

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
DANGEROUS = (
    "<script",
    "onerror",
    "onload",
    "onclick",
    "ontoggle",
    "javascript:",
    "<iframe",
    "<svg",
    "<object",
    "<form",
    "<meta",
    "<base",
    "expression(",
    "data:text",
    "<style",
)


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_sanitizer_removes_xss_vector(vector):
    cleaned = sanitize_html(f"<p>前文</p>{vector}<p>后文</p>").lower()
    for marker in DANGEROUS:
        assert marker not in cleaned, f"{marker!r} survived in {cleaned!r}"
    assert "前文" in cleaned and "后文" in cleaned


@pytest.mark.parametrize(
    "style",
    [
        "display:none",
        "visibility:hidden",
        "opacity:0",
        "font-size:0",
        "position:absolute;left:-9999px",
        "height:0;overflow:hidden",
    ],
)
def test_sanitizer_removes_styles_that_hide_content(style):
    cleaned = sanitize_html(f'<p style="{style}">隐藏的文字</p>')
    assert "隐藏的文字" in cleaned
    for prop in ("display", "visibility", "opacity", "font-size", "position", "height"):
        assert prop not in cleaned


# 暗链: text pushed off-screen or coloured to vanish with properties that are otherwise allowed.
@pytest.mark.parametrize(
    ("style", "gone"),
    [
        ("text-indent:-9999px", "text-indent"),
        ("text-indent: -2em", "text-indent"),
        ("margin-left:-9999px", "margin-left"),
        ("color:transparent", "color"),
        ("color: rgba(0, 0, 0, 0)", "color"),
        ("color:hsla(0,0%,0%,0.0)", "color"),
        ("color:#fff", "color"),
        ("color: white", "color"),
        ("color:rgb(255,255,255)", "color"),
        ("color:#336699;background-color:#336699", "color"),
    ],
)
def test_sanitizer_removes_hidden_link_styles(style, gone):
    cleaned = sanitize_html(
        f'<p style="{style}"><a href="https://casino.example/">隐藏链接</a></p>'
    )
    assert "隐藏链接" in cleaned
    declared = re.findall(r'style="([^"]*)"', cleaned)
    names = {part.split(":")[0].strip() for d in declared for part in d.split(";") if ":" in part}
    assert gone not in names, cleaned
    assert sanitize_html(cleaned) == cleaned


def test_sanitizer_keeps_visible_indents_and_colours():
    html = (
        '<p style="text-indent:2em">首行缩进</p><p style="color:#c00">红色提示</p>'
        '<p style="color:#fff;background-color:#c00">白字红底</p>'
    )
    cleaned = sanitize_html(html)
    for kept in ("text-indent:2em", "color:#c00", "color:#fff;background-color:#c00"):
        assert kept in cleaned
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
