"""The two kinds of update an editor chooses on publish (GOV.UK's update types): a 重要更新 moves
the item up in feeds, notifies the new-media channels and changes its 更新时间; a 一般修改 (a typo
fix) changes the page quietly. A first publication is always a 重要更新.

Pure values only, so the page form (cms.core) and the update records (cms.pages) share them
without importing each other's models."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class UpdateKind(models.TextChoices):
    MAJOR = "major", "重要更新"
    MINOR = "minor", "一般修改"


@dataclass(frozen=True)
class UpdateIntent:
    """What the editor chose for the revision being saved: the kind and an optional 修改说明."""

    kind: str
    change_note: str = ""


# The attribute a page form leaves on the page instance for `BasePage.save_revision` to record.
PENDING_INTENT_ATTR = "_jiyue_update_intent"
