"""The one content check for every uploaded file (documents, images, page attachments, imported
attachments, case documents, citizens' message attachments). The content decides, never the
name: the type is detected from the bytes (`filetype`), the whole file is scanned in chunks for
active content (HTML and script markers, SVG with script or event handlers), executables (PE,
ELF, Mach-O, also inside zip packages) are refused, and the size is capped. Errors are Chinese
ValidationErrors for the editor's form field.

Callers pass `allowed`, extension → content families the extension may carry; `None` accepts any
passive content (the image form, whose format Wagtail's Willow already verifies)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

# Compound-document (OLE2) header shared by .doc, .xls and WPS Office's .wps files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 8192
CHUNK_BYTES = 1024 * 1024
# Executable formats: Windows PE ("MZ"), ELF, Mach-O (32/64-bit, both byte orders, fat binaries).
EXECUTABLE_MAGICS = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
EXECUTABLE_NAMES = re.compile(
    rb"\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|jar|sh|lnk|html?|svg|xhtml)$"
)
# Markers of content a browser would run: matched case-insensitively anywhere in the file.
# A tag name must be followed by a delimiter, so that random compressed bytes hardly ever match.
ACTIVE_MARKERS = re.compile(
    rb"<(?:script|html|iframe|object|embed|svg|body|frameset|applet)[\s>/]"
    rb"|<!doctype\s+html|<meta\s+http-equiv|javascript:|vbscript:|<\?php\s"
)
# SVG images: script elements, event handler attributes, javascript: links, foreign HTML.
SVG_ACTIVE = re.compile(
    rb"<script|\son[a-z]+\s*=|javascript:|<foreignobject|<iframe|<embed|<object|<!entity"
)
# PDF actions that run code or programs when the file is opened.
PDF_ACTIVE = re.compile(rb"/javascript\b|/js[\s(<\[]|/launch\b|/embeddedfile")
OVERLAP = 64
FAMILY_LABELS = {
    "pdf": "PDF",
    "zip": "ZIP/OFD",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "ole2": "DOC/XLS/WPS",
    "text": "纯文本",
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def content_family(head: bytes) -> str | None:
    """'pdf', 'docx', 'xlsx', 'zip', 'ole2', another `filetype` extension, 'text' for plain text,
    or None for the first bytes of a file."""
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    kind = filetype.guess(head)
    if kind is None:
        if head.startswith(ZIP_MAGIC):
            return "zip"
        return "text" if _looks_like_text(head) else None
    if kind.extension in {"pdf", "docx", "xlsx"}:
        return kind.extension
    if head.startswith(ZIP_MAGIC):
        # OFD packages are plain zips; other zip-based formats keep their own name.
        return "zip" if kind.extension == "zip" else kind.extension
    return kind.extension


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        # A multi-byte character may be cut at the end of the head.
        for cut in range(4):
            try:
                head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return True
    return False


def _error(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _scan(stream: IO[bytes], pattern: re.Pattern[bytes]) -> bytes | None:
    """The first match of `pattern` in the whole stream (lower-cased), read chunk by chunk with
    an overlap so that a marker split between two chunks is still found."""
    stream.seek(0)
    tail = b""
    while chunk := stream.read(CHUNK_BYTES):
        window = tail + chunk.lower()
        match = pattern.search(window)
        if match:
            return match.group(0)
        tail = window[-OVERLAP:]
    return None


def _zip_executable(stream: IO[bytes]) -> str | None:
    """The name of a member of the zip package that is an executable or a web page, if any."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as package:
            for info in package.infolist():
                if EXECUTABLE_NAMES.search(info.filename.lower().encode()):
                    return info.filename
                if info.is_dir() or info.file_size < 4:
                    continue
                with package.open(info) as member:
                    if _is_executable(member.read(4096)):
                        return info.filename
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return None
    return None


def _is_executable(head: bytes) -> bool:
    if head.startswith(b"MZ"):
        # DOS stub of a Windows PE: the "PE" signature follows within the first kilobytes.
        return b"PE\x00\x00" in head[:4096] or b"This program cannot be run" in head[:4096]
    return any(head.startswith(magic) for magic in EXECUTABLE_MAGICS[1:])


# STANDARDS.md §9 (等保 2.0 三级): malicious-code and upload checks.
def check_file(
    name: str,
    size: int,
    stream: IO[bytes],
    *,
    allowed: Mapping[str, frozenset[str]] | None = None,
    allowed_label: str = "",
    limit: int | None = None,
) -> None:
    """Raise a Chinese ValidationError unless the file `name` of `size` bytes read from `stream`
    is passive content of an allowed type under the size limit. The stream's position is kept."""
    limit = max_upload_bytes() if limit is None else limit
    if size > limit:
        raise _error(
            "文件“%(name)s”大小为 %(size).1f MB，超过上限 %(limit).0f MB，请压缩或拆分后上传。",
            "file_too_large",
            name=name,
            size=size / 1048576,
            limit=limit / 1048576,
        )
    extension = extension_of(name)
    if allowed is not None and extension not in allowed:
        raise _error(
            "文件“%(name)s”的格式不允许，只能上传 %(allowed)s 文件。",
            "file_type",
            name=name,
            allowed=allowed_label or "、".join(sorted(allowed)),
        )
    position = stream.tell() if hasattr(stream, "tell") else 0
    try:
        _check_content(name, extension, stream, allowed, allowed_label)
    finally:
        stream.seek(position)


def _check_content(name, extension, stream, allowed, allowed_label) -> None:
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    if _is_executable(head):
        raise _error("文件“%(name)s”是可执行程序，不能上传。", "file_executable", name=name)
    is_svg = extension == "svg" or (
        b"<svg" in head.lower() and content_family(head) in {"text", "xml", None}
    )
    if is_svg:
        found = _scan(stream, SVG_ACTIVE)
        if found:
            raise _error(
                "SVG 文件“%(name)s”含有脚本或事件处理代码（%(found)s），不能上传。",
                "file_active_svg",
                name=name,
                found=found.decode("latin-1").strip(),
            )
    else:
        found = _scan(stream, ACTIVE_MARKERS)
        if found:
            raise _error(
                "文件“%(name)s”含有网页或脚本内容（%(found)s），可能被用于攻击访问者，不能上传。",
                "file_active_content",
                name=name,
                found=found.decode("latin-1").strip(),
            )
    family = content_family(head)
    if family == "pdf" and _scan(stream, PDF_ACTIVE):
        raise _error(
            "PDF 文件“%(name)s”含有脚本、启动程序或内嵌文件，不能上传；请另存为普通 PDF 后再上传。",
            "file_active_pdf",
            name=name,
        )
    if head.startswith(ZIP_MAGIC):
        member = _zip_executable(stream)
        if member:
            raise _error(
                "压缩文件“%(name)s”中含有可执行程序或网页（%(member)s），不能上传。",
                "file_zip_executable",
                name=name,
                member=member,
            )
    if allowed is not None and family not in allowed[extension]:
        raise _error(
            "文件“%(name)s”的内容与扩展名“.%(ext)s”不符（文件可能已损坏或被改名），"
            "请上传真实的 %(allowed)s 文件。",
            "file_content",
            name=name,
            ext=extension,
            allowed=allowed_label or "、".join(sorted(allowed)),
        )


# Documents of the library (WAGTAILDOCS_EXTENSIONS): extension → content families.
DOCUMENT_CONTENT: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "ofd": frozenset({"zip"}),
    "docx": frozenset({"docx", "zip"}),
    "xlsx": frozenset({"xlsx", "zip"}),
    "doc": frozenset({"ole2"}),
    "xls": frozenset({"ole2"}),
    "wps": frozenset({"ole2"}),
    "txt": frozenset({"text"}),
    "zip": frozenset({"zip"}),
    "jpg": frozenset({"jpg"}),
    "jpeg": frozenset({"jpg"}),
    "png": frozenset({"png"}),
}


def check_field_file(file, *, name: str | None = None, **options) -> None:
    """`check_file` for an uploaded file or a stored FieldFile (opened and closed here)."""
    name = (name or getattr(file, "name", "") or "").rsplit("/", 1)[-1]
    if hasattr(file, "_committed") and file._committed:
        try:
            with file.open("rb") as handle:
                check_file(name, file.size, handle, **options)
        except (FileNotFoundError, OSError) as error:
            raise _error(
                "文件“%(name)s”不存在或无法读取，请重新上传。", "file_missing", name=name
            ) from error
        return
    check_file(name, file.size, file, **options)
