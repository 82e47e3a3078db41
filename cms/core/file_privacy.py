"""Which uploaded files the public may download. A document is public only while a live,
publicly viewable page uses it in its live content (Wagtail's reference index of the page rows,
which always hold the live version; drafts live in revisions, which are not indexed). Anything
else, an editor's fresh upload or a file only a draft uses, answers 404 to the public, and only
the editors and moderators who may change or choose it (the staff of the site owning its
collection) may open it, to preview a page under review. Files in a restricted collection
(答复书 and the other case documents, cms/requests/documents.py) are never public, whoever links
them, and Wagtail's own collection restriction applies on top.

Images: originals live in the private storage (cms/core/storage.py) and have no URL; renditions
are static files under MEDIA_ROOT named after the original, which carries a random token from
the upload (cms.core.media_forms), so a rendition of an unpublished page's image is reachable
only by those who were shown the page."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from wagtail.models import Page, ReferenceIndex


def live_pages_using(obj: Model, *, public_only: bool = True) -> QuerySet[Page]:
    """The live pages (with `public_only`, only those anyone may view) whose live content
    references `obj`."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
    return pages.public() if public_only else pages


def is_restricted(document) -> bool:
    return document.collection.get_view_restrictions().exists()


def is_public(document) -> bool:
    return not is_restricted(document) and live_pages_using(document).exists()


def may_preview(user, document) -> bool:
    """Staff who may change or choose the file: the editors and moderators of its site."""
    if not (user.is_authenticated and user.is_active):
        return False
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def refuse_unpublished(document, request: HttpRequest) -> None:
    """`before_serve_document` hook: 404 unless public or previewable by this user."""
    if may_preview(request.user, document) or is_public(document):
        return None
    raise Http404("文件不存在或尚未公开。")


def index_published_page(sender, instance: Page, **kwargs) -> None:
    """`page_published` receiver: refresh the page's references at once, so the files of a
    just-published revision are downloadable without waiting for the task worker."""
    ReferenceIndex.create_or_update_for_object(instance)
