"""热词: the terms visitors search most, counted as distinct clients a day so one client
repeating a query (or a script) cannot push a term up, and without ever storing an address.

A client is a keyed hash (HMAC-SHA256 with SECRET_KEY) of the day, the client address (the one
rule for it: cms.core.ratelimit.client_ip) and the User-Agent. The day in the key makes the hash
change daily, so the log cannot follow a visitor across days. Administrators hide terms
(`HiddenTerm`); hidden terms never appear in a public list."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cms.core.ratelimit import client_ip
from search.models import HiddenTerm, QueryLog

# 热词 cover the last this many days, in the admin report and on public pages alike.
HOT_DAYS = 30
PUBLIC_HOT_TERMS = 8
CLIENT_KEY_LENGTH = 32


def client_key(request: HttpRequest, day: dt.date | None = None) -> str:
    """The visitor's hash for `day` (today by default): same address and browser, same day,
    same key; nothing in it can be turned back into the address."""
    day = day or timezone.localdate()
    agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    message = f"{day.isoformat()}\n{client_ip(request)}\n{agent}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:CLIENT_KEY_LENGTH]


def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=HOT_DAYS)


def counted(logs: QuerySet[QueryLog]) -> QuerySet:
    """Rows per term of `logs` in the last HOT_DAYS days: `clients` (distinct clients a day,
    the 热词 measure), `searches` (every search), the latest result count and time. Entries from
    before client keys were recorded count as one client each."""
    return (
        logs.filter(created_at__gte=_since())
        .values("query")
        .annotate(
            clients=Count("client", distinct=True, filter=~Q(client=""))
            + Count("id", filter=Q(client="")),
            searches=Count("id"),
            results=Max("results"),
            last=Max("created_at"),
        )
        .order_by("-clients", "-searches", "query")
    )


def hidden_terms() -> set[str]:
    return set(HiddenTerm.objects.values_list("term", flat=True))


def public_hot_terms(site_id: int | None, limit: int = PUBLIC_HOT_TERMS) -> list[str]:
    """热词 a visitor may see: of the site (or the whole cluster), that found something, not
    hidden by an administrator."""
    logs = QueryLog.objects.filter(results__gt=0).exclude(
        query__in=HiddenTerm.objects.values("term")
    )
    if site_id is not None:
        logs = logs.filter(site_id=site_id)
    return [row["query"] for row in counted(logs)[:limit]]


def report_rows(logs: QuerySet[QueryLog]) -> list[dict[str, Any]]:
    """Every term of the period for the admin report, hidden ones marked."""
    hidden = hidden_terms()
    return [{**row, "hidden": row["query"] in hidden} for row in counted(logs)]
