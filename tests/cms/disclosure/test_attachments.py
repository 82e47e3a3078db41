import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.disclosure.attachments import OLE2_MAGIC, check_attachment
from cms.disclosure.models import DisclosureAttachment

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def zip_bytes(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


OFD = zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})
DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
OLE2 = OLE2_MAGIC + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", PDF),
        ("a.ofd", OFD),
        ("a.docx", DOCX),
        ("a.doc", OLE2),
        ("a.xls", OLE2),
        ("a.wps", OLE2),
    ],
)
def test_allowed_formats_pass(name, content):
    check_attachment(name, len(content), content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.exe", b"MZ\x90\x00", "格式不允许"),
        ("a.pdf", b"MZ\x90\x00" + b"\x00" * 60, "内容与扩展名"),  # renamed executable
        ("a.doc", PDF, "内容与扩展名"),
        ("a.pdf", b"<html><script>alert(1)</script></html>", "网页或脚本内容"),
        ("noextension", PDF, "格式不允许"),
    ],
)
def test_disallowed_or_disguised_files_are_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_attachment(name, len(content), content)
    assert message in error.value.messages[0]


def test_size_limit_comes_from_settings(settings):
    settings.JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check_attachment("big.pdf", 2048, PDF)
    assert "超过上限" in error.value.messages[0]


def test_attachment_row_checks_its_document_by_content(cluster, orgs, make_disclosure):
    page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    document_model = get_document_model()
    fake = document_model(title="伪装的表格")
    fake.file.save("table.xlsx", ContentFile(b"MZ\x90\x00not a spreadsheet"), save=True)
    with pytest.raises(ValidationError) as error:
        DisclosureAttachment(page=page, document=fake, title="附件1").full_clean()
    assert "内容与扩展名" in error.value.message_dict["document"][0]

    real = document_model(title="实施细则")
    real.file.save("rules.pdf", ContentFile(PDF), save=True)
    DisclosureAttachment(page=page, document=real, title="附件1").full_clean()
