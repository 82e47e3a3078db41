"""Private storage of citizens' message attachments: a file system storage rooted at
`JIYUE_PRIVATE_MEDIA_ROOT`, outside MEDIA_ROOT, with no URL at all, so an attachment can never be
reached at a guessable /media/ address; staff download it through the site-scoped admin view
(cms.interaction.admin_views.attachment_download). The root is read from settings on every use,
so a changed setting (tests, a moved volume) takes effect without a restart of the model layer.
A system check refuses a private root inside MEDIA_ROOT (the web server serves that tree)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="cms.interaction.storage.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.JIYUE_PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("留言附件没有公开地址，只能在后台下载。")


private_storage = PrivateMediaStorage()


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security)
def check_private_media_root(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    private = Path(settings.JIYUE_PRIVATE_MEDIA_ROOT)
    if settings.MEDIA_ROOT and _inside(private, Path(settings.MEDIA_ROOT)):
        return [
            checks.Error(
                "JIYUE_PRIVATE_MEDIA_ROOT 位于 MEDIA_ROOT 之内，留言附件会被公开访问。",
                hint="请把 JIYUE_PRIVATE_MEDIA_ROOT 设置到 MEDIA_ROOT 以外的目录。",
                id="interaction.E001",
            )
        ]
    return []
