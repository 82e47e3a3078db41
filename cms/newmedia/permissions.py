"""Who sees which 政务新媒体 rows (sites.permissions is the one scoping policy): a site's editors
see its accounts and their deliveries; its moderators (site administrators) also register,
change and close accounts and approve, retry or close deliveries; superusers see all. Another
site's rows are simply absent (404)."""

from __future__ import annotations

from functools import cache

from django.db.models import QuerySet

from sites.models import SiteProfile
from sites.scope import SiteScopedPolicy, sites_for_actions


def sites_for(user, actions) -> QuerySet[SiteProfile]:
    return sites_for_actions(user, actions)


class SitePolicy(SiteScopedPolicy):
    """Rows reaching a SiteProfile through `site_path` ("site" or "account__site")."""


@cache
def account_policy() -> SitePolicy:
    from cms.newmedia.models import Account

    return SitePolicy(Account, "site")


@cache
def outbox_policy() -> SitePolicy:
    from cms.newmedia.models import OutboxEntry

    return SitePolicy(OutboxEntry, "account__site")
