"""Attachment text in the search document: PDF, Word (docx), Excel (xlsx) and OFD files built
here byte by byte, as an editor would upload them; a broken file never stops indexing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cms.pages.models import ArticleAttachment
from search.documents import build_document
from tests.search.test_indexing import publish_new


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF showing `text` (ASCII) in Helvetica, with a correct cross-reference table."""
    content = f"BT /F1 18 Tf 20 80 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


DOCX = zipped(
    {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": (
            '<w:document xmlns:w="x"><w:body>'
            '<w:p><w:r><w:t>关于开展</w:t></w:r><w:r><w:t xml:space="preserve">蓝鲸计划</w:t>'
            "</w:r><w:r><w:tab/><w:t>的通知</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>附表：申报&amp;审核流程</w:t></w:r></w:p>"
            "</w:body></w:document>"
        ),
    }
)
XLSX = zipped(
    {
        "xl/sharedStrings.xml": "<sst><si><t>乡镇名称</t></si><si><t>白鹭湿地补助资金</t></si></sst>",
        "xl/worksheets/sheet1.xml": '<worksheet><c t="inlineStr"><is><t>合计</t></is></c></worksheet>',
    }
)
OFD = zipped(
    {
        "OFD.xml": "<ofd:OFD/>",
        "Doc_0/Pages/Page_0/Content.xml": (
            '<ofd:Page><ofd:TextObject><ofd:TextCode X="0">青石区</ofd:TextCode>'
            "<ofd:TextCode>候鸟保护公告</ofd:TextCode></ofd:TextObject></ofd:Page>"
        ),
        "Doc_0/Pages/Page_1/Content.xml": (
            "<ofd:Page><ofd:TextCode>第二页内容</ofd:TextCode></ofd:Page>"
        ),
    }
)


@pytest.mark.parametrize(
    ("filename", "payload", "expected"),
    [
        ("tongzhi.pdf", pdf_with_text("Bluewhale plan 2026"), ["Bluewhale plan 2026"]),
        ("tongzhi.docx", DOCX, ["关于开展蓝鲸计划的通知", "申报&审核流程"]),
        ("biao.xlsx", XLSX, ["乡镇名称", "白鹭湿地补助资金", "合计"]),
        ("gonggao.ofd", OFD, ["青石区候鸟保护公告", "第二页内容"]),
    ],
)
def test_attachment_text_is_extracted(cluster, filename, payload, expected):
    page = publish_new(cluster.column(cluster.county_a, "zcwj"), "附件测试", "<p>正文</p>")
    document = Document(title=filename)
    document.file.save(filename, ContentFile(payload), save=True)
    ArticleAttachment.objects.create(page=page, document=document)
    built = build_document(page)
    assert built is not None
    for text in expected:
        assert text in built.attachment_text
    # Paragraphs and cells stay apart: separate lines, not one run-on word.
    if filename.endswith((".docx", ".xlsx")):
        assert "\n" in built.attachment_text


@pytest.mark.parametrize("filename", ["broken.docx", "broken.pdf", "broken.ofd"])
def test_a_broken_attachment_does_not_stop_indexing(cluster, filename):
    page = publish_new(cluster.column(cluster.county_a, "zcwj"), "损坏附件", "<p>正文内容</p>")
    document = Document(title=filename)
    document.file.save(filename, ContentFile(b"PK\x03\x04 not really a zip"), save=True)
    ArticleAttachment.objects.create(page=page, document=document)
    built = build_document(page)
    assert built is not None and built.body == "正文内容" and built.attachment_text == ""
