"""Who a participant is, without keeping who they are: a mobile number is reduced to a keyed hash
(HMAC-SHA256 with SECRET_KEY, salted with the consultation) so one person answers once per
consultation while no phone number is stored. Plus the site it happened on."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")
# Domain-separates these keys from any other HMAC the platform derives from SECRET_KEY.
KEY_PURPOSE = b"jiyue.participation.respondent"


def normalise_mobile(value: str) -> str:
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def respondent_key(consultation_id: int, mobile: str) -> str:
    """64 hex characters; the same person and consultation always give the same key."""
    secret = hmac.new(settings.SECRET_KEY.encode(), KEY_PURPOSE, hashlib.sha256).digest()
    message = f"{consultation_id}:{mobile}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def site_profile_for_page(page):
    """The SiteProfile whose home the page is under (the site a record belongs to)."""
    from sites.models import SiteProfile

    ancestors = page.get_ancestors(inclusive=True).values("pk")
    return SiteProfile.objects.filter(site__root_page__in=ancestors).first()
