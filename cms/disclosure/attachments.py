"""Attachment checks for disclosures: the file's content (magic bytes, via `filetype`), not its
name, decides whether it is one of the formats citizens can open (pdf, ofd, doc/docx, xls/xlsx,
wps), and it must stay under the size limit. Errors are in Chinese for editors."""

from __future__ import annotations

from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Compound-document (OLE2) header shared by .doc, .xls and WPS Office's .wps files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 8192

# Extension → the content families it may carry. OFD (GB/T 33190) and OOXML are zip packages.
ALLOWED_CONTENT: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "ofd": frozenset({"zip"}),
    "docx": frozenset({"docx", "zip"}),
    "xlsx": frozenset({"xlsx", "zip"}),
    "doc": frozenset({"ole2"}),
    "xls": frozenset({"ole2"}),
    "wps": frozenset({"ole2"}),
}
ALLOWED_LABEL = "PDF、OFD、DOC/DOCX、XLS/XLSX、WPS"


def max_attachment_bytes() -> int:
    return int(getattr(settings, "JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def content_family(head: bytes) -> str | None:
    """'pdf', 'docx', 'xlsx', 'zip', 'ole2' or None for the first bytes of a file."""
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    kind = filetype.guess(head)
    if kind is None:
        return "zip" if head.startswith(ZIP_MAGIC) else None
    if kind.extension in {"pdf", "docx", "xlsx"}:
        return kind.extension
    if kind.extension in {"zip", "odt", "ods", "epub", "pptx"} or head.startswith(ZIP_MAGIC):
        # OFD packages are plain zips; other zip-based formats are refused below by extension.
        return "zip" if kind.extension == "zip" else kind.extension
    return kind.extension


def check_attachment(name: str, size: int, head: bytes) -> None:
    """Raise ValidationError unless a file called `name` of `size` bytes starting with `head` is
    an allowed attachment. Pure: the caller reads the bytes."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = max_attachment_bytes()
    if size > limit:
        raise ValidationError(
            "附件“%(name)s”大小为 %(size).1f MB，超过上限 %(limit).0f MB，请压缩或拆分后上传。",
            code="attachment_too_large",
            params={"name": name, "size": size / 1048576, "limit": limit / 1048576},
        )
    if extension not in ALLOWED_CONTENT:
        raise ValidationError(
            "附件“%(name)s”的格式不允许，只能上传 %(allowed)s 文件。",
            code="attachment_type",
            params={"name": name, "allowed": ALLOWED_LABEL},
        )
    family = content_family(head)
    if family not in ALLOWED_CONTENT[extension]:
        raise ValidationError(
            "附件“%(name)s”的内容与扩展名“.%(ext)s”不符（文件可能已损坏或被改名），"
            "请上传真实的 %(allowed)s 文件。",
            code="attachment_content",
            params={"name": name, "ext": extension, "allowed": ALLOWED_LABEL},
        )


def read_head(file: IO[bytes]) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(position)
    return head


def check_document(document) -> None:
    """Validate a wagtaildocs Document used as a disclosure attachment."""
    name = document.file.name.rsplit("/", 1)[-1]
    try:
        with document.file.open("rb") as handle:
            head = read_head(handle)
            size = document.file.size
    except (FileNotFoundError, OSError) as error:
        raise ValidationError(
            "附件“%(title)s”的文件不存在或无法读取，请重新上传。",
            code="attachment_missing",
            params={"title": document.title},
        ) from error
    check_attachment(name, size, head)
