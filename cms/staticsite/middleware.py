"""Recording at serve time, for deployments that cache pages rather than publish files (issue 14
item 3): each publishable response served by Django records what it read, so the purge after a
change knows which cached URLs to drop. Off unless JIYUE_STATIC_RECORD_REQUESTS is set or
WAGTAILFRONTENDCACHE is configured; a set already stored is not rewritten (cms.staticsite.recording)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

from cms.staticsite import recording
from cms.staticsite.purge import recording_requests
from cms.staticsite.rendering import is_publishable

logger = logging.getLogger(__name__)


class DependencyRecordingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A render by the publisher collects for itself (cms.staticsite.rendering).
        if request.method != "GET" or recording.active() or not recording_requests():
            return self.get_response(request)
        with recording.collecting() as keys:
            response = self.get_response(request)
        if is_publishable(request, response):
            site = Site.find_for_request(request)
            if site is not None:
                keys.add(recording.site_key(site.pk))
                try:
                    recording.store(site.pk, request.path, keys, force=False)
                except DatabaseError:  # a busy database must not fail the citizen's page
                    logger.warning("staticsite: dependencies of %s not recorded", request.path)
        return response
