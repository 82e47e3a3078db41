"""The demo: accounts for the portal and two counties, a delivery history in every state."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone

from cms.newmedia import demo
from cms.newmedia.audit import silent_accounts
from cms.newmedia.models import Account, OutboxEntry, State
from fixtures.factories import ArticlePageFactory


def test_demo_accounts_and_history_in_every_state(cluster):
    for profile in (cluster.city, cluster.county_a, cluster.county_b):
        column = cluster.column(profile, "gzdt")
        for days in range(8):
            ArticlePageFactory.published_days_ago(days + 1, parent=column)
    today = timezone.localdate()
    out = io.StringIO()
    first = demo.build_demo(today=today, stdout=out)
    again = demo.build_demo(today=today, stdout=io.StringIO())
    assert first == again and Account.objects.count() == 6
    assert {p.site.hostname for p in (a.site for a in Account.objects.all())} == set(
        demo.DEMO_HOSTS
    )
    states = set(OutboxEntry.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert OutboxEntry.objects.filter(action="delete", state=State.SENT).exists()
    assert "政务新媒体" in out.getvalue()
    silent = list(silent_accounts(None, today))
    assert [(r.site_id, r.platform) for r in silent] == [(cluster.county_b.pk, "wechat")]
    assert silent[0].last_delivered_on <= today - dt.timedelta(days=21)
