"""The admin's document and image forms (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE: add, edit, multiple upload and the choosers' upload tab).
Every new or replacing file passes the one content check (cms.core.file_checks), and the file
of a document or image that a live page uses cannot be replaced in place: what the public
downloads changes only with a reviewed publication of the page, so the editor uploads a new file
and changes the page, which then goes through review like any other change. (Versioned files
were the alternative; refusing keeps one rule, "only a published revision changes public
content", and the page's revisions then record which file each version used.)"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from cms.core.file_checks import DOCUMENT_CONTENT, check_field_file
from cms.core.file_privacy import live_pages_using

RANDOM_PREFIX_BYTES = 8


def refuse_live_replacement(instance, noun: str) -> None:
    """Refuse to replace the file of `instance` while a live page uses it."""
    # Also a password- or login-protected live page: its audience sees the file too.
    page = live_pages_using(instance, public_only=False).order_by("pk").first()
    if page is not None:
        raise ValidationError(
            "该%(noun)s正被已发布页面“%(page)s”使用，不能直接替换文件：公众看到的内容只能随页面"
            "审核发布而改变。请另行上传新%(noun)s，在页面中改用新%(noun)s后提交审核。",
            code="live_file_replacement",
            params={"noun": noun, "page": page.title},
        )


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_field_file(file, allowed=DOCUMENT_CONTENT)
            if self.instance.pk:
                refuse_live_replacement(self.instance, "文档")
        return file


class ImageForm(BaseImageForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            # Willow (WagtailImageField) has verified the image format; this finds the rest:
            # SVG with script, HTML or script hidden in the image data, executables.
            check_field_file(file)
            if self.instance.pk:
                refuse_live_replacement(self.instance, "图片")
        return file


def unguessable_image_name(sender, instance, **kwargs) -> None:
    """`pre_save` of the image model: prefix a new original's name with a random token, so the
    renditions (named after it, public under MEDIA_URL) of an image no live page shows yet
    cannot be found by guessing the uploaded file name."""
    file = instance.file
    if file and not getattr(file, "_committed", True):
        base = file.name.rsplit("/", 1)[-1]
        file.name = f"{secrets.token_hex(RANDOM_PREFIX_BYTES)}_{base}"
