"""The one sanitiser removes XSS vectors and hiding styles, on save of any rich-text field."""

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
