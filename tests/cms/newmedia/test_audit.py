"""The registry's audit source: silent accounts at the threshold boundary, with fixed dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.core.inspection import NEW_MEDIA_DEFAULT_SILENCE_DAYS, SilentAccount, new_media_source
from cms.newmedia.audit import silent_accounts
from cms.newmedia.models import OutboxEntry, State
from fixtures.newmedia import make_account

FILED = dt.date(2026, 3, 1)


def _sent(account, day: dt.date, *, state=State.SENT, action="publish") -> None:
    OutboxEntry.objects.create(
        account=account,
        content_id=f"c-{day}-{action}",
        revision_id=1,
        action=action,
        title="x",
        page_url="http://anning.localhost/x/",
        state=state,
        finished_at=timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30))),
    )


def test_the_setting_names_this_source():
    assert new_media_source() is silent_accounts


def test_silent_after_more_than_the_threshold(cluster):
    account = make_account(cluster.county_a, filed_on=FILED)
    assert account.silence_days == NEW_MEDIA_DEFAULT_SILENCE_DAYS
    last = dt.date(2026, 4, 1)
    _sent(account, last)
    _sent(account, dt.date(2026, 4, 20), state=State.FAILED)  # a failure is not an update
    _sent(account, dt.date(2026, 4, 21), action="delete")  # nor is a deletion
    assert list(silent_accounts(None, last + dt.timedelta(days=14))) == []
    (row,) = silent_accounts(None, last + dt.timedelta(days=15))
    assert row == SilentAccount(
        site_id=cluster.county_a.pk,
        account_id=account.pk,
        platform="wechat",
        name=account.name,
        last_delivered_on=last,
        threshold_days=14,
        admin_url=f"/admin/newmedia/accounts/edit/{account.pk}/",
    )


def test_never_delivered_counts_from_filing_and_thresholds_are_per_account(cluster):
    never = make_account(cluster.county_a, filed_on=FILED)
    patient = make_account(cluster.county_b, filed_on=FILED, silence_days=30)
    closed = make_account(cluster.county_b, filed_on=FILED, status="closed", closed_on=FILED)
    day = FILED + dt.timedelta(days=20)
    rows = list(silent_accounts(None, day))
    assert [(r.account_id, r.last_delivered_on) for r in rows] == [(never.pk, None)]
    assert list(silent_accounts([cluster.county_b.pk], day)) == []
    assert [r.account_id for r in silent_accounts(None, FILED + dt.timedelta(days=31))] == [
        never.pk,
        patient.pk,
    ]
    assert closed.pk not in [r.account_id for r in silent_accounts(None, dt.date(2027, 1, 1))]
