"""Public views of the disclosure platform: the 公开目录 of a site or, on the portal, of the cluster."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cms.core.pagination import page_of
from cms.disclosure.catalogue import (
    CATALOGUE_SUMMARY_CHARS,
    SCOPE_CLUSTER,
    SCOPE_SITE,
    CatalogueFilterForm,
    catalogue_organisations,
    catalogue_queryset,
)
from sites.models import SiteLevel, SiteProfile


def catalogue(request: HttpRequest) -> HttpResponse:
    profile = SiteProfile.for_request(request)
    if profile is None:
        raise Http404("未找到网站。")
    # The cluster-wide catalogue lives on the city portal; other sites show their own records.
    cluster_allowed = profile.level == SiteLevel.CITY
    scope = (
        SCOPE_CLUSTER
        if cluster_allowed and request.GET.get("scope") == SCOPE_CLUSTER
        else SCOPE_SITE
    )
    organisations = catalogue_organisations(profile, scope)
    form = CatalogueFilterForm(request.GET, organisations=organisations)
    filters = form.valid_filters()
    page_obj = page_of(catalogue_queryset(profile, scope, filters), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosure/catalogue.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "scope": scope,
            "cluster_allowed": cluster_allowed,
            "querystring": query.urlencode(),
            "filtered": bool(filters),
            "ignored": form.ignored_labels(),
            "summary_chars": CATALOGUE_SUMMARY_CHARS,
        },
    )
