"""The renderers are pure: WeChat article limits and HTML reduction, the Weibo text."""

from __future__ import annotations

from types import SimpleNamespace

from cms.newmedia import render


def page(**fields):
    values = {"title": "标题", "body": "<p>正文</p>", "summary": "", "author": ""}
    values.update(fields)
    return SimpleNamespace(get_full_url=lambda: "http://anning.localhost/xwdt/t1/", **values)


ACCOUNT = SimpleNamespace(sponsor="安宁县人民政府办公室新闻宣传科与网络信息中心联合主办")


def test_payload_trims_at_character_boundaries_within_the_limits():
    payload = render.build_payload(
        page(title="关" * 40, author="作" * 20, summary="摘" * 200), ACCOUNT, thumb_media_id="t1"
    )
    assert len(payload["title"]) == render.TITLE_MAX and payload["title"].endswith("…")
    assert len(payload["author"]) == render.AUTHOR_MAX
    assert len(payload["digest"]) == render.DIGEST_MAX
    assert payload["content_source_url"] == "http://anning.localhost/xwdt/t1/"
    assert payload["thumb_media_id"] == "t1"
    short = render.build_payload(page(), ACCOUNT)
    assert short["title"] == "标题" and short["digest"] == "正文"
    assert len(short["author"]) <= render.AUTHOR_MAX  # the sponsor, trimmed


def test_html_is_reduced_to_what_wechat_keeps_with_styles_inlined():
    body = (
        '<p class="lead">第一段<a href="https://example.com/x">外链</a></p>'
        "<script>alert(1)</script>"
        '<embed embedtype="image" id="7" format="fullwidth" alt="图"/>'
        '<embed embedtype="image" id="8" format="fullwidth" alt="未上传"/>'
        '<img src="https://elsewhere.example/a.png">'
        '<p style="text-align:center">居中</p>'
    )
    html = render.wechat_html(body, {"image:7": "http://mmbiz.qpic.cn/x/0"})
    assert "script" not in html and "alert" not in html
    assert "class=" not in html and "<a" not in html and "外链" in html
    assert html.count("<img") == 1 and 'src="http://mmbiz.qpic.cn/x/0"' in html
    assert "elsewhere" not in html
    assert 'style="margin:0 0 1em;' in html and "text-align:center" in html
    assert render.body_images(page(body=body)) == [7, 8]


def test_long_content_is_cut_between_blocks_below_the_limit():
    body = "".join(f"<p>{'文' * 500}{i}</p>" for i in range(60))
    html = render.wechat_html(body, {})
    assert len(html) < render.CONTENT_MAX
    assert html.endswith(render.TRUNCATED_NOTICE)
    assert html.count("<p style") == html.count("</p>")


def test_weibo_text_fits_140_and_keeps_title_and_link():
    url = "http://anning.localhost/xwdt/t1/"
    text = render.weibo_text(page(title="全县召开会议" * 3, summary="会议内容" * 80), url)
    assert render.weibo_length(text) <= render.WEIBO_MAX
    assert text.startswith("【全县召开会议") and text.endswith(url)
    long_title = render.weibo_text(page(title="很长的标题" * 60, summary=""), url)
    assert render.weibo_length(long_title) <= render.WEIBO_MAX and url in long_title
    assert render.weibo_length("ab中") == 2
