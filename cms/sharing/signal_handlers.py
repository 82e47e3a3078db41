"""Shared copies follow their original where Wagtail's aliases do not by themselves: a 撤稿 or
its reversal (cms.pages.withdrawal) is applied to every copy, with the original's note, and a
deleted original takes its copies off the public sites (Wagtail would turn them into standalone
pages). Unpublication and every edit (validity included) are Wagtail's own alias behaviour."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from wagtail.models import Page

from cms.pages.models import Withdrawal
from cms.pages.signals import page_reinstated, page_withdrawn
from cms.pages.withdrawal import reinstate_page, withdraw_page

DISPATCH_PREFIX = "jiyue.sharing."


def _copies(page: Page) -> list[Page]:
    return list(Page.objects.filter(alias_of_id=page.pk).specific())


def on_withdrawn(sender: Any, instance: Page, **kwargs: Any) -> None:
    withdrawal = Withdrawal.objects.filter(page_id=instance.pk).first()
    if withdrawal is None:
        return
    for copy in _copies(instance):
        if copy.live and not Withdrawal.objects.filter(page_id=copy.pk).exists():
            withdraw_page(copy, reason=withdrawal.reason, user=withdrawal.withdrawn_by)


def on_reinstated(sender: Any, instance: Page, **kwargs: Any) -> None:
    for copy in _copies(instance):
        if Withdrawal.objects.filter(page_id=copy.pk).exists():
            reinstate_page(copy)


def on_pre_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Sent once per model of the inheritance chain: act on the base row only.
    if type(instance) is not Page or kwargs.get("raw"):
        return
    for copy in _copies(instance):
        if copy.live:
            copy.unpublish()


def connect() -> None:
    page_withdrawn.connect(on_withdrawn, dispatch_uid=f"{DISPATCH_PREFIX}withdrawn")
    page_reinstated.connect(on_reinstated, dispatch_uid=f"{DISPATCH_PREFIX}reinstated")
    pre_delete.connect(on_pre_delete, dispatch_uid=f"{DISPATCH_PREFIX}pre_delete")
