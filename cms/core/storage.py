"""Where uploaded files live. The default storage (wagtaildocs documents, original images) is
private: `JIYUE_PRIVATE_MEDIA_ROOT/library`, outside MEDIA_ROOT, with no URL, so that no web
server (nor `make run` with DEBUG) can hand out an unpublished attachment or a 答复书 at a
/media/ address. Documents reach the public only through Wagtail's serve view, which asks
cms.core.file_privacy. Image renditions are the only files under MEDIA_ROOT (storage alias
"public", WAGTAILIMAGES_RENDITION_STORAGE): public pages link them as plain static files."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

LIBRARY_DIR = "library"


@deconstructible(path="cms.core.storage.LibraryStorage")
class LibraryStorage(FileSystemStorage):
    """Read the root from settings on every use (tests and moved volumes change it)."""

    def __init__(self, **kwargs) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return os.path.join(str(settings.JIYUE_PRIVATE_MEDIA_ROOT), LIBRARY_DIR)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        # Wagtail's document serve view falls back to streaming the file on NotImplementedError.
        raise NotImplementedError("私有文件没有公开地址。")
