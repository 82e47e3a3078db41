"""Which agency answers a request (条例 第四条: each administrative agency handles its own
disclosure; 第四十九条: each publishes its own annual report). A site hosts one or more agencies
(disclosure Organisations); its own, default agency is the one named as the site's 主办单位, else
the first in the site's order. This module is the one place that decides a site's agencies, its
default agency and which cases an agency answers for."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.disclosure.models import Organisation


def agencies_for_site(site) -> QuerySet[Organisation]:
    """The agencies hosted on `site`, in the site's order: the choices of the request form."""
    return Organisation.objects.filter(site=site).order_by("sort_order", "pk")


def default_organisation(site) -> Organisation | None:
    """The site's own agency: the one named as its sponsor (主办单位), else the first."""
    agencies = agencies_for_site(site)
    return agencies.filter(name=site.sponsor).first() or agencies.first()


def agency_cases_q(organisation: Organisation, *, prefix: str = "") -> Q:
    """The cases `organisation` must answer. A case filed on a site that had no agency yet has
    none assigned; it falls to that site's default agency until staff assign one."""
    q = Q(**{f"{prefix}organisation": organisation})
    default = default_organisation(organisation.site)
    if default is not None and default.pk == organisation.pk:
        q |= Q(**{f"{prefix}organisation__isnull": True, f"{prefix}site_id": organisation.site_id})
    return q
