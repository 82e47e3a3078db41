"""The registry's side of the audit contract (cms.core.inspection): accounts in operation with
nothing delivered for longer than their threshold, named by JIYUE_AUDIT_NEWMEDIA_SOURCE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from cms.core.inspection import SilentAccount
from cms.newmedia.models import Account, AccountStatus, Action, State


def silent_accounts(site_ids: Iterable[int] | None, today: dt.date) -> Iterator[SilentAccount]:
    """Silent when more than `silence_days` days lie between the last delivery (or, for an account
    that never delivered anything, its filing date) and `today`: exactly the threshold is not yet
    silent. Deliveries counted are successful posts, not deletes."""
    accounts = Account.objects.filter(status=AccountStatus.ACTIVE).annotate(
        last_sent=Max(
            "outbox__finished_at",
            filter=Q(outbox__state=State.SENT, outbox__action=Action.PUBLISH),
        )
    )
    if site_ids is not None:
        accounts = accounts.filter(site_id__in=list(site_ids))
    for account in accounts.order_by("site_id", "pk"):
        last = timezone.localtime(account.last_sent).date() if account.last_sent else None
        since = last or account.filed_on or timezone.localtime(account.created_at).date()
        if (today - since).days > account.silence_days:
            yield SilentAccount(
                site_id=account.site_id,
                account_id=account.pk,
                platform=account.platform,
                name=account.name,
                last_delivered_on=last,
                threshold_days=account.silence_days,
                admin_url=reverse("newmedia_account:edit", args=[account.pk]),
            )
