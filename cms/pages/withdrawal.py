"""Withdrawing (撤稿) and reinstating pages. The only code that creates or deletes `Withdrawal`
rows, so every change leaves a log entry and fires the signal search and syndication follow."""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page

from cms.pages.models import Withdrawal
from cms.pages.signals import page_reinstated, page_withdrawn

WITHDRAW_ACTION = "jiyue.withdraw"
REINSTATE_ACTION = "jiyue.reinstate"


class WithdrawalError(Exception):
    """The page cannot change withdrawal state; the message is for the editor, in Chinese."""


def is_withdrawn(page: Page) -> bool:
    return Withdrawal.objects.filter(page_id=page.pk).exists()


def withdraw_page(page: Page, *, reason: str, user=None) -> Withdrawal:
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawalError("请填写撤稿说明，说明将显示在原页面上。")
    if not page.live:
        raise WithdrawalError("只有已发布的页面可以撤稿；未发布的页面无需撤稿。")
    specific = page.specific
    if not getattr(specific, "is_column_item", False):
        raise WithdrawalError("只有文章、公开信息等稿件可以撤稿，栏目和首页不能撤稿。")
    with transaction.atomic():
        if Withdrawal.objects.select_for_update().filter(page_id=page.pk).exists():
            raise WithdrawalError("该稿件已撤稿。")
        withdrawal = Withdrawal.objects.create(page=page, reason=reason, withdrawn_by=user)
        log(instance=specific, action=WITHDRAW_ACTION, user=user, data={"reason": reason})
        page_withdrawn.send(sender=type(specific), instance=specific)
    return withdrawal


def reinstate_page(page: Page, *, user=None) -> None:
    specific = page.specific
    with transaction.atomic():
        deleted, _ = Withdrawal.objects.filter(page_id=page.pk).delete()
        if not deleted:
            raise WithdrawalError("该稿件未撤稿，无需恢复。")
        log(instance=specific, action=REINSTATE_ACTION, user=user)
        page_reinstated.send(sender=type(specific), instance=specific)
