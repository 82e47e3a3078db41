"""Test settings: fast hashing, tasks run immediately, media in a throwaway folder."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import os

DEBUG = False
SECRET_KEY = "test-only-key-jiyue"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="jiyue-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
JIYUE_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="jiyue-test-private-")
atexit.register(shutil.rmtree, JIYUE_PRIVATE_MEDIA_ROOT, ignore_errors=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_USE_FINDERS = True
# Wagtail's own index only serves the admin's page search, which no test uses; on PostgreSQL
# its per-save title-norm refresh costs time proportional to the whole index on every save.
# The public search (search/) has its own index and is tested in full.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
# Transactional tests (browser, concurrency) restore the migrations' rows after each flush;
# re-creating the seeded working-day calendar (hundreds of rows) each time costs seconds on
# PostgreSQL, and no transactional test depends on it (a missing year falls back to weekdays).
TEST_NON_SERIALIZED_APPS = ["cms.workdays"]
# The suite's clients sign in with force_login, without a second factor; the two-factor tests
# (tests/cms/accounts) switch the admin's gate back on with the `settings` fixture.
JIYUE_REQUIRE_2FA = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The suite needs no durability: a commit (each migration, a transactional test's flush)
    # need not wait for PostgreSQL to flush its log to disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
