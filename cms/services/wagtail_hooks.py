"""Hooks of the service guides: refuse to publish an incomplete guide (the admin form already
refuses; this covers views whose form does not carry the action), and serve 办事服务 columns
organised by audience and topic without changing the generic column page type."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from cms.services.column import is_service_column, serve_service_column
from cms.services.models import ServiceGuidePage
from cms.services.rules import missing_elements, publication_refusal


@hooks.register("before_publish_page")
def refuse_incomplete_guide(request, page):
    if not isinstance(page, ServiceGuidePage):
        return None
    missing = missing_elements(page)
    if not missing:
        return None
    messages.error(request, publication_refusal(missing))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_serve_page")
def serve_organised_service_column(page, request, serve_args, serve_kwargs):
    if is_service_column(page):
        return serve_service_column(page, request)
    return None
