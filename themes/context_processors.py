"""Per-request chrome shared by every public page: the serving site's profile, theme and the
visitor's elderly-mode preference. Lazy, so admin pages pay nothing for it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sites.models import SiteProfile
from themes.registry import theme_stylesheet
from themes.views import elderly_mode_on


def site_chrome(request: HttpRequest) -> dict[str, Any]:
    profile = SimpleLazyObject(lambda: SiteProfile.for_request(request))
    return {
        "site_profile": profile,
        "theme_stylesheet": SimpleLazyObject(
            lambda: theme_stylesheet(profile.theme if profile else "")
        ),
        "elderly_mode": elderly_mode_on(request),
    }
