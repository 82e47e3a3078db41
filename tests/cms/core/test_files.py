"""Uploaded files over HTTP (issue 13, finding 4): the one content check on every upload and
replacement, documents private until a live page uses them, no in-place replacement of a live
page's file, and the 答复书 reachable only through the permission-checked serve view, with DEBUG
on as well."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import PngImagePlugin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import cms.urls
from cms.core.publishing import publish_page
from cms.pages.models import ArticleAttachment, ArticlePage
from cms.requests.documents import store_document
from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, host_client

ADMIN_HOST = "www.localhost"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


PE = b"MZ\x90\x00" + b"\x00" * 56 + b"\x40\x00\x00\x00" + b"PE\x00\x00" + b"\x00" * 64


def png_bytes(text: str | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "white").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


@pytest.fixture
def editor_a(cluster, make_user):
    return make_user("editor_a", groups=[cluster.county_a.editors_group])


@pytest.fixture
def editor_b(cluster, make_user):
    return make_user("editor_b", groups=[cluster.county_b.editors_group])


def upload_document(client, collection, name: str, content: bytes, title: str = "通知附件"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def form_errors(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # HTML renamed notice.pdf
        ("notice.pdf", b"<html><script>alert(document.cookie)</script></html>", "网页或脚本"),
        # A real PDF header, the page far behind it: a header-only check lets it through.
        ("notice.pdf", PDF + b"%" * 20000 + b"<script>alert(1)</script>", "网页或脚本"),
        ("notice.pdf", PDF.replace(b"<<>>", b"<</OpenAction<</S/JavaScript>>>>"), "含有脚本"),
        ("notice.pdf", PE, "可执行程序"),
        ("readme.txt", b"\xe8\xaf\xb4\xe6\x98\x8e" + b" " * 9000 + b"<iframe src=x>", "网页"),
        ("tables.zip", zip_bytes({"setup.exe": PE}), "可执行程序"),
        ("tables.zip", zip_bytes({"data.bin": PE}), "可执行程序"),
    ],
)
def test_admin_upload_refuses_active_content_in_chinese(cluster, editor_a, name, content, message):
    client = host_client(ADMIN_HOST, editor_a)
    response = upload_document(client, cluster.county_a.collection, name, content)
    assert message in form_errors(response)
    assert not get_document_model().objects.filter(title="通知附件").exists()


def test_admin_upload_size_limit(cluster, editor_a, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client = host_client(ADMIN_HOST, editor_a)
    response = upload_document(client, cluster.county_a.collection, "big.pdf", PDF + b"%" * 4096)
    assert form_errors(response)
    assert not get_document_model().objects.filter(title="通知附件").exists()


def draft_article_with(document, cluster) -> ArticlePage:
    column = cluster.column(cluster.county_a, "tzgg")
    article = ArticlePageFactory(parent=column, live=False, title="关于征集意见的通知")
    ArticleAttachment.objects.create(page=article, document=document, title="附件1")
    return ArticlePage.objects.get(pk=article.pk)


def test_document_is_private_until_its_page_is_published(cluster, editor_a, editor_b):
    editor = host_client(ADMIN_HOST, editor_a)
    response = upload_document(editor, cluster.county_a.collection, "draft.pdf", PDF)
    assert response.status_code == 302
    document = get_document_model().objects.get(title="通知附件")
    public = host_client(COUNTY_A_HOST)
    # Fresh upload: not public, neither at the serve view nor anywhere under MEDIA_URL.
    assert public.get(document.url).status_code == 404
    assert not Path(django_settings.MEDIA_ROOT, document.file.name).exists()
    # The site's editor previews it; another county's editor does not.
    assert editor.get(document.url).status_code == 200
    assert host_client(ADMIN_HOST, editor_b).get(document.url).status_code == 404

    article = draft_article_with(document, cluster)
    assert public.get(document.url).status_code == 404  # a draft uses it: still private
    publish_page(article)
    response = public.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    article.refresh_from_db()
    article.unpublish()
    assert public.get(document.url).status_code == 404


def test_file_of_a_live_page_cannot_be_replaced_in_place(cluster, editor_a):
    editor = host_client(ADMIN_HOST, editor_a)
    upload_document(editor, cluster.county_a.collection, "rules.pdf", PDF)
    document = get_document_model().objects.get(title="通知附件")
    edit_url = reverse("wagtaildocs:edit", args=[document.pk])

    # Before any page uses it, a replacement is allowed but content-checked like an upload.
    html = b"<html><body>fake</body></html>"
    response = editor.post(
        edit_url,
        {
            "title": "通知附件",
            "collection": cluster.county_a.collection.pk,
            "file": SimpleUploadedFile("notice.pdf", html),
        },
    )
    assert "网页或脚本" in form_errors(response)

    publish_page(draft_article_with(document, cluster))
    changed = PDF.replace(b"<<>>", b"<</Changed true>>", 1)
    response = editor.post(
        edit_url,
        {
            "title": "通知附件",
            "collection": cluster.county_a.collection.pk,
            "file": SimpleUploadedFile("rules-v2.pdf", changed),
        },
    )
    message = form_errors(response)
    assert "已发布页面“关于征集意见的通知”" in message and "上传新文档" in message
    download = host_client(COUNTY_A_HOST).get(document.url)
    assert b"".join(download.streaming_content) == PDF

    # Changing the title only (no new file) stays possible.
    response = editor.post(
        edit_url, {"title": "征集意见附件", "collection": cluster.county_a.collection.pk}
    )
    assert response.status_code == 302


def test_article_attachments_are_checked_by_content(cluster, make_user):
    moderator = make_user("mod_a", groups=[cluster.county_a.moderators_group])
    # A file that reached the library without the admin form (an older import, a script).
    bad = get_document_model()(title="伪装的通知", collection=cluster.county_a.collection)
    bad.file.save("notice.pdf", io.BytesIO(b"<html><script>x()</script></html>"), save=True)
    column = cluster.column(cluster.county_a, "tzgg")
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk])
    body = (
        '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
    )
    response = host_client(ADMIN_HOST, moderator).post(
        add_url,
        {
            "title": "关于调整办事时间的通知",
            "slug": "bssj",
            "body": body,
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "attachments-0-document": str(bad.pk),
            "attachments-0-title": "附件",
            "attachments-0-ORDER": "1",
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert "网页或脚本内容" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="bssj").exists()


@pytest.fixture
def debug_urls(settings):
    """The URL map as `make run` builds it (DEBUG on: static and media patterns added)."""
    settings.DEBUG = True
    name = "jiyue_debug_urls"
    spec = importlib.util.spec_from_file_location(name, cms.urls.__file__)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = name
    yield
    del sys.modules[name]


def test_reply_letter_is_not_served_to_the_public_with_debug_on(
    cluster, editor_a, editor_b, debug_urls
):
    upload = SimpleUploadedFile("答复书.pdf", PDF)
    reply = store_document(cluster.county_a, upload, "答复书（张某某）", editor_a)
    media_url = f"{django_settings.MEDIA_URL}{reply.file.name}"
    for client in (host_client(COUNTY_A_HOST), host_client(ADMIN_HOST, editor_b)):
        assert client.get(media_url).status_code == 404
        assert client.get(reply.url).status_code == 404
    assert host_client(ADMIN_HOST, editor_a).get(reply.url).status_code == 200
    # Even a live page linking it does not make a case document public.
    publish_page(draft_article_with(reply, cluster))
    assert host_client(COUNTY_A_HOST).get(reply.url).status_code == 404


def test_images_originals_private_renditions_unguessable(cluster, editor_a, debug_urls):
    client = host_client(ADMIN_HOST, editor_a)
    refused = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "含脚本的图片",
            "collection": cluster.county_a.collection.pk,
            "file": SimpleUploadedFile("photo.png", png_bytes("<script>alert(1)</script>")),
        },
    )
    assert "网页或脚本" in form_errors(refused)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "会议现场",
            "collection": cluster.county_a.collection.pk,
            "file": SimpleUploadedFile("photo.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="会议现场")
    assert image.file.name != "original_images/photo.png"
    assert not Path(django_settings.MEDIA_ROOT, image.file.name).exists()
    anonymous = host_client(COUNTY_A_HOST)
    assert anonymous.get(f"{django_settings.MEDIA_URL}{image.file.name}").status_code == 404
    rendition = image.get_rendition("width-20")
    assert (
        "photo" in rendition.url
        and rendition.url != f"{django_settings.MEDIA_URL}images/photo.width-20.png"
    )
    assert anonymous.get(rendition.url).status_code == 200


def test_image_of_a_live_page_cannot_be_replaced_in_place(cluster, editor_a):
    client = host_client(ADMIN_HOST, editor_a)
    collection = cluster.county_a.collection.pk
    add = {"title": "会议现场", "collection": collection}
    upload = SimpleUploadedFile("hall.png", png_bytes())
    assert client.post(reverse("wagtailimages:add"), {**add, "file": upload}).status_code == 302
    image = get_image_model().objects.get(title="会议现场")
    ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "gzdt"),
        title="全县安全生产工作会议召开",
        body=f'<p>会议现场</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="会议现场"/>',
    )
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {**add, "file": SimpleUploadedFile("hall-2.png", png_bytes("v2"))},
    )
    message = form_errors(response)
    assert "已发布页面“全县安全生产工作会议召开”" in message and "上传新图片" in message
