"""Where case documents (答复书, 补正通知书 …) are stored: a wagtaildocs collection per site,
"<site>·依申请公开文书", restricted to that site's editors and moderators, because replies carry
applicants' personal data and wagtaildocs URLs are otherwise public and guessable."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.core.file_checks import DOCUMENT_CONTENT, check_field_file
from sites.models import SiteProfile

COLLECTION_SUFFIX = "·依申请公开文书"
ALLOWED_EXTENSIONS = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "jpg", "jpeg", "png")
MAX_BYTES = 20 * 1024 * 1024


def case_collection(site: SiteProfile) -> Collection:
    parent = site.collection or Collection.get_first_root_node()
    name = f"{site.canonical_name}{COLLECTION_SUFFIX}"
    existing = parent.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    collection = parent.add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([g for g in (site.editors_group, site.moderators_group) if g])
    return collection


def validate_upload(upload: UploadedFile) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"不支持的文件类型。请上传以下格式之一：{'、'.join(ALLOWED_EXTENSIONS)}。"
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(f"文件超过{MAX_BYTES // 1024 // 1024}MB，请压缩后上传。")
    # The platform's one content check: the bytes must be what the extension says, passive.
    check_field_file(
        upload,
        allowed={ext: DOCUMENT_CONTENT[ext] for ext in ALLOWED_EXTENSIONS},
        limit=MAX_BYTES,
    )


def store_document(site: SiteProfile, upload: UploadedFile, title: str, user):
    document = get_document_model()(
        title=title, file=upload, collection=case_collection(site), uploaded_by_user=user
    )
    document.save()
    return document
