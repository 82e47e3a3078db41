"""Checks of the files a citizen attaches to a message: the content signature decides, never the
name. Documents go through the disclosure attachment check (cms.disclosure.attachments); photos
(JPEG, PNG) through the same content check with an image table. Citizens get a smaller size
limit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from cms.core.file_checks import check_file
from cms.disclosure.attachments import ALLOWED_CONTENT, ALLOWED_LABEL

MAX_FILES = 3
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
IMAGE_CONTENT = {"jpg": frozenset({"jpg"}), "jpeg": frozenset({"jpg"}), "png": frozenset({"png"})}
LABEL = f"JPG、PNG、{ALLOWED_LABEL}"


def max_bytes() -> int:
    return int(getattr(settings, "JIYUE_MESSAGE_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_upload(upload: UploadedFile) -> None:
    name = upload.name or "附件"
    size = upload.size or 0
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"附件“{name}”大小为 {size / 1048576:.1f} MB，超过上限 {limit / 1048576:.0f} MB。"
        )
    if size == 0:
        raise ValidationError(f"附件“{name}”是空文件。")
    try:
        check_file(
            name,
            size,
            upload,
            allowed={**IMAGE_CONTENT, **ALLOWED_CONTENT},
            allowed_label=LABEL,
            limit=limit,
        )
    except ValidationError as error:
        if error.code == "file_content":
            raise ValidationError(
                f"附件“{name}”的内容与扩展名不符（文件可能已损坏或被改名），请上传真实的图片或文档。"
            ) from error
        raise
