"""Attachment checks for disclosures and other page attachments: the formats citizens can open
(pdf, ofd, doc/docx, xls/xlsx, wps) under the disclosure size limit. The content check itself is
the platform's one check (cms.core.file_checks): type from the bytes, the whole file scanned for
active content and executables."""

from __future__ import annotations

import io
from typing import IO

from django.conf import settings

from cms.core.file_checks import DOCUMENT_CONTENT, OLE2_MAGIC, check_field_file, check_file

__all__ = ["OLE2_MAGIC", "check_attachment", "check_document"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Extension → the content families it may carry. OFD (GB/T 33190) and OOXML are zip packages.
ALLOWED_CONTENT: dict[str, frozenset[str]] = {
    ext: DOCUMENT_CONTENT[ext] for ext in ("pdf", "ofd", "docx", "xlsx", "doc", "xls", "wps")
}
ALLOWED_LABEL = "PDF、OFD、DOC/DOCX、XLS/XLSX、WPS"


def max_attachment_bytes() -> int:
    return int(getattr(settings, "JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def attachment_options() -> dict:
    return {
        "allowed": ALLOWED_CONTENT,
        "allowed_label": ALLOWED_LABEL,
        "limit": max_attachment_bytes(),
    }


def check_attachment(name: str, size: int, content: bytes | IO[bytes]) -> None:
    """Raise ValidationError unless the file `name` of `size` bytes is an allowed attachment;
    `content` is the whole file (bytes or a readable, seekable stream)."""
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    check_file(name, size, stream, **attachment_options())


def check_document(document) -> None:
    """Validate a wagtaildocs Document used as a page attachment."""
    check_field_file(document.file, **attachment_options())
