"""Production settings: fail closed. A missing secret key or host list stops start-up."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env_bool, env_list, os

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to at least 32 characters in production."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the cluster's domains in production."
    )

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env_bool("JIYUE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("JIYUE_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("JIYUE_SECURE_COOKIES", True)
# HSTS on by default (a year, every subdomain of the cluster): the platform is served over
# HTTPS only. Set JIYUE_HSTS_SECONDS=0 only while a domain is still being moved to HTTPS.
SECURE_HSTS_SECONDS = int(os.environ.get("JIYUE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JIYUE_HSTS_SUBDOMAINS", True)
# `preload` only allows submission to the browsers' preload list; submitting is a separate step.
SECURE_HSTS_PRELOAD = env_bool("JIYUE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
