"""Settings shared by every environment; everything that differs between machines is read from the
environment so the same code runs on a laptop (SQLite, no services) and on a cluster."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("JIYUE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [".localhost", "localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# A failed CSRF check is a Chinese 403 page in the site's own chrome (issue 15 item 1).
CSRF_FAILURE_VIEW = "themes.errors.csrf_failure"

INSTALLED_APPS = [
    # Jiyue. cms.adminui first: its templates and translations override Wagtail's (issue 15).
    "cms.adminui",
    "cms.core",
    "cms.pages",
    "cms.workdays",
    "cms.requests",
    "cms.disclosure",
    "cms.reports",
    "cms.publication_log",
    "cms.interaction",
    "cms.services",
    "cms.participation",
    "cms.audit",
    "cms.feeds",
    "cms.api",
    "cms.newmedia",
    "cms.safety",  # content-safety check, a publication gate (issue 12)
    "cms.sharing",
    "cms.deployment",  # nginx configuration for the static tree, deployment checks (issue 14)
    "cms.staticsite",  # static publishing and dependency-aware purge (issue 14)
    "sites",
    "themes",
    "search",
    "fixtures",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "axes",  # login failure handling (cms/core/accounts.py)
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so the policy reaches every response (cms/core/csp.py; issue 13 item 3).
    "cms.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.core.middleware.AtomicAdminWritesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.core.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "themes.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jiyue",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# Login failure handling (等保 2.0 三级 登录失败处理; cms/core/accounts.py): after
# JIYUE_LOGIN_FAILURE_LIMIT failures an account, and separately a source address, is locked for
# JIYUE_LOGIN_LOCKOUT_MINUTES; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
JIYUE_LOGIN_FAILURE_LIMIT = int(os.environ.get("JIYUE_LOGIN_FAILURE_LIMIT", "5"))
JIYUE_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("JIYUE_LOGIN_LOCKOUT_MINUTES", "30"))
AXES_FAILURE_LIMIT = JIYUE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=JIYUE_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.core.accounts.lockout_response"
AXES_USERNAME_CALLABLE = "cms.core.accounts.login_username"
AXES_ENABLE_ADMIN = False  # unlocking is in the Wagtail admin (设置 › 登录锁定)
AXES_VERBOSE = False
# Behind N reverse proxies of our own, the client is the right-most address they did not write;
# with none (the default) X-Forwarded-For is the client's own claim and is never read.
JIYUE_TRUSTED_PROXY_COUNT = int(os.environ.get("JIYUE_TRUSTED_PROXY_COUNT", "0"))
if JIYUE_TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_PROXY_COUNT = JIYUE_TRUSTED_PROXY_COUNT
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)


LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("JIYUE_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Documents and original images: private, outside MEDIA_ROOT (cms/core/storage.py).
    "default": {"BACKEND": "cms.core.storage.LibraryStorage"},
    # Image renditions only: MEDIA_ROOT at MEDIA_URL.
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The platform's own name, shown in the admin's title, login and dashboard (cms/adminui); one
# per deployment, e.g. JIYUE_PLATFORM_NAME=长河市政府网站集约化平台.
WAGTAIL_SITE_NAME = os.environ.get("JIYUE_PLATFORM_NAME", "集约政府网站集约化平台")
# Our own translations of the Wagtail strings its zh_Hans catalogue leaves in English; first, so
# they win over every app's (cms/adminui/locale, compiled .mo committed: scripts/compile_messages.py).
LOCALE_PATHS = [BASE_DIR / "cms" / "adminui" / "locale"]
# Workflow e-mails (cms/adminui/notifications.py): one per event, to the people who must act:
# the site's moderators on submission, the editor on approval or rejection; never every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://www.localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Uploaded files (cms/core/file_privacy.py, cms/core/media_forms.py): documents only through
# Wagtail's serve view (public once a live page uses them), every upload and replacement
# content-checked, renditions the only public media files.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.core.media_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.core.media_forms.ImageForm"
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "h4",
                "bold",
                "italic",
                "ol",
                "ul",
                "hr",
                "link",
                "document-link",
                "image",
                "blockquote",
                "superscript",
                "subscript",
            ]
        },
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# No page of the cluster is framed, by others or by itself; Wagtail's preview overrides this for
# its own iframe (wagtail.utils.decorators.xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Jiyue: column lists show this many items a page.
JIYUE_COLUMN_PAGE_SIZE = int(os.environ.get("JIYUE_COLUMN_PAGE_SIZE", "20"))
# Port the demo cluster's Site rows carry, so links between sites work under `make run`.
JIYUE_DEMO_PORT = int(os.environ.get("JIYUE_DEMO_PORT", "8000"))
# Disclosure (政府信息公开): 索引号 template (STANDARDS.md §4; fields: credit_code, short_name,
# site_code, category, yyyy, serial), 内容概述 length and attachment size limit.
JIYUE_INDEX_NUMBER_TEMPLATE = os.environ.get(
    "JIYUE_INDEX_NUMBER_TEMPLATE", "{credit_code}/{yyyy}-{serial:05d}"
)
JIYUE_DISCLOSURE_SUMMARY_MAX_CHARS = int(
    os.environ.get("JIYUE_DISCLOSURE_SUMMARY_MAX_CHARS", "100")
)
JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES", str(50 * 1024 * 1024))
)
# 依申请公开: (hits, seconds) per client IP for the public form and the status lookup; the time
# an applicant gets to correct a request (条例 第三十条 says only "合理期限"); the request header
# carrying the client IP when behind a proxy (e.g. "HTTP_X_REAL_IP"; empty = REMOTE_ADDR).
JIYUE_REQUEST_RATE_LIMITS = {
    "submit": (int(os.environ.get("JIYUE_REQUEST_SUBMIT_LIMIT", "5")), 3600),
    "status": (int(os.environ.get("JIYUE_REQUEST_STATUS_LIMIT", "20")), 3600),
}
JIYUE_REQUEST_CORRECTION_PERIOD_WORKDAYS = int(
    os.environ.get("JIYUE_REQUEST_CORRECTION_PERIOD_WORKDAYS", "15")
)
# 政民互动 message board: the audit reads unanswered messages through this callable
# (cms.core.inspection); rate limits are (hits, window seconds).
JIYUE_AUDIT_MESSAGE_SOURCE = "cms.interaction.audit.unanswered_messages"
# Silent 政务新媒体 accounts (cms.core.inspection.SilentAccount rows); empty until the registry exists.
JIYUE_AUDIT_NEWMEDIA_SOURCE = "cms.newmedia.audit.silent_accounts"
JIYUE_MESSAGE_RATE_LIMITS = {
    "submit_ip": (int(os.environ.get("JIYUE_MESSAGE_SUBMIT_LIMIT", "5")), 3600),
    "submit_phone": (int(os.environ.get("JIYUE_MESSAGE_PHONE_LIMIT", "3")), 3600),
    "status": (int(os.environ.get("JIYUE_MESSAGE_STATUS_LIMIT", "20")), 3600),
}
JIYUE_MESSAGE_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("JIYUE_MESSAGE_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)
# Citizens' message attachments: stored outside MEDIA_ROOT (never served by the web server),
# downloaded only through the scoped 留言办理 admin view (cms/interaction/storage.py).
JIYUE_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("JIYUE_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media")
)
JIYUE_CLIENT_IP_HEADER = os.environ.get("JIYUE_CLIENT_IP_HEADER", "")
# Annual report (年度报告) publication deadlines as (month, day) of the following year:
# 条例 第四十九条 departments 31 January, 第五十条 governments 31 March; local rules may be earlier.
JIYUE_ANNUAL_REPORT_DEADLINES = {
    "department": tuple(
        int(x) for x in os.environ.get("JIYUE_ANNUAL_REPORT_DEPARTMENT_DEADLINE", "1-31").split("-")
    ),
    "government": tuple(
        int(x) for x in os.environ.get("JIYUE_ANNUAL_REPORT_GOVERNMENT_DEADLINE", "3-31").split("-")
    ),
}
# App API (cms/api): per-client rate limit, requests per window (seconds) for a client IP and
# for a read token issued in the admin.
JIYUE_API_RATE_WINDOW = int(os.environ.get("JIYUE_API_RATE_WINDOW", "60"))
JIYUE_API_RATE_ANON = int(os.environ.get("JIYUE_API_RATE_ANON", "120"))
JIYUE_API_RATE_TOKEN = int(os.environ.get("JIYUE_API_RATE_TOKEN", "1200"))
# Elderly mode (适老化) preference cookie: one year.
JIYUE_ELDERLY_COOKIE = "jiyue_elderly"
JIYUE_ELDERLY_COOKIE_AGE = 365 * 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIYUE_LOG_LEVEL", "WARNING")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "jiyue": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Search: engine by dotted path (search.engines.embedded.EmbeddedEngine needs no services;
# search.engines.elasticsearch.ElasticsearchEngine needs ELASTICSEARCH_URL).
JIYUE_SEARCH_ENGINE = os.environ.get(
    "JIYUE_SEARCH_ENGINE", "search.engines.embedded.EmbeddedEngine"
)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
JIYUE_SEARCH_INDEX = os.environ.get("JIYUE_SEARCH_INDEX", "jiyue-pages")
# Embedded engine on SQLite: how many matches BM25 ranks in full before it ranks the newest title
# matches and newest matches only (docs/adr/0003). Larger is more exact and slower for common words.
JIYUE_SEARCH_RANK_WINDOW = int(os.environ.get("JIYUE_SEARCH_RANK_WINDOW", "2000"))

# 政务新媒体 outbox (cms.newmedia; STANDARDS.md §6): platform API base URLs (tests point them at
# local fakes), HTTP timeout, retry backoff base, publish-status polling, and the Fernet key for
# stored credentials (a urlsafe base64 32-byte key; empty: derived from SECRET_KEY).
JIYUE_WECHAT_API_BASE = os.environ.get("JIYUE_WECHAT_API_BASE", "https://api.weixin.qq.com")
JIYUE_WEIBO_API_BASE = os.environ.get("JIYUE_WEIBO_API_BASE", "https://api.weibo.com")
JIYUE_NEWMEDIA_HTTP_TIMEOUT = float(os.environ.get("JIYUE_NEWMEDIA_HTTP_TIMEOUT", "10"))
JIYUE_NEWMEDIA_RETRY_BASE_SECONDS = float(os.environ.get("JIYUE_NEWMEDIA_RETRY_BASE_SECONDS", "60"))
JIYUE_NEWMEDIA_POLL_TRIES = 3
JIYUE_NEWMEDIA_POLL_INTERVAL = 1.0
JIYUE_CREDENTIALS_KEY = os.environ.get("JIYUE_CREDENTIALS_KEY", "")
# Feeds and sitemaps (cms.feeds): items per feed; URLs per sitemap part (at most 50,000).
JIYUE_FEED_ITEMS = int(os.environ.get("JIYUE_FEED_ITEMS", "50"))
JIYUE_SITEMAP_URLS = int(os.environ.get("JIYUE_SITEMAP_URLS", "50000"))
# Validators may be cached only in a cache every process shares (a purge must reach them all);
# built feeds are keyed by their validator, so caching them is always safe.
JIYUE_FEED_CACHE_VALIDATORS = bool(REDIS_URL)
JIYUE_FEED_CACHE_SECONDS = int(os.environ.get("JIYUE_FEED_CACHE_SECONDS", "300"))
# External-link check (`check_links`, weekly on the worker; cms.audit.linkcheck): thread-pool size,
# requests in flight per host, seconds between request starts to one host, per-request timeout,
# redirects followed, days between scheduled runs.
JIYUE_LINKCHECK_WORKERS = int(os.environ.get("JIYUE_LINKCHECK_WORKERS", "8"))
JIYUE_LINKCHECK_PER_HOST = int(os.environ.get("JIYUE_LINKCHECK_PER_HOST", "2"))
JIYUE_LINKCHECK_HOST_DELAY = float(os.environ.get("JIYUE_LINKCHECK_HOST_DELAY", "1.0"))
JIYUE_LINKCHECK_TIMEOUT = float(os.environ.get("JIYUE_LINKCHECK_TIMEOUT", "10"))
JIYUE_LINKCHECK_MAX_REDIRECTS = int(os.environ.get("JIYUE_LINKCHECK_MAX_REDIRECTS", "5"))
JIYUE_LINKCHECK_INTERVAL_DAYS = int(os.environ.get("JIYUE_LINKCHECK_INTERVAL_DAYS", "7"))

# Review and scheduled publishing (cms.review; 先审后发, 条例 第十七、十八条 保密审查). Listed before
# django_tasks_db so its `db_worker` (which restarts the recurring chains first) is the one run.
INSTALLED_APPS.insert(INSTALLED_APPS.index("django_tasks"), "cms.review")
# Seconds between the worker's scheduled-publishing runs (a page goes live within this after its time).
JIYUE_SCHEDULE_POLL_SECONDS = float(os.environ.get("JIYUE_SCHEDULE_POLL_SECONDS", "30"))
# Admin account security (cms/accounts; 等保 2.0 三级 身份鉴别、安全审计):
# two-factor authentication (TOTP, recovery codes) required for moderators and administrators
# (JIYUE_REQUIRE_2FA: the admin's second-factor gate; off only in cms/settings/test.py), password
# complexity, idle time-out, and the audit log kept at least 180 days (purge_audit_log).
INSTALLED_APPS += [
    "cms.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "cms.accounts.middleware.AdminSessionMiddleware",
)
JIYUE_REQUIRE_2FA = env_bool("JIYUE_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES = int(os.environ.get("JIYUE_ADMIN_IDLE_TIMEOUT_MINUTES", "30"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Length and character classes, with one Chinese message each (cms/accounts/passwords.py).
    {
        "NAME": "cms.accounts.passwords.ComplexityValidator",
        "OPTIONS": {"min_length": 10, "min_classes": 3},
    },
]
# Content-Security-Policy on every response (cms/core/csp.py, issue 13 item 3): JIYUE_CSP replaces
# the whole policy, JIYUE_CSP_REPORT_ONLY adds a report-only one to try a stricter policy first.
# No Gravatar for editors' avatars: a third-party origin the policy refuses, which would also
# learn every editor's e-mail hash.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Static publishing and dependency-aware cache purge (cms/staticsite, issue 14). The tree is
# <root>/<hostname>/<path>/index.html (+ .gz, .br), assets under <root>/_static/; with
# JIYUE_STATIC_PUBLISHING the worker rewrites the dependents of every change and, with
# JIYUE_STATIC_RSYNC_TARGET (a folder or host:path), pushes the tree there after each batch.
JIYUE_STATIC_ROOT = Path(os.environ.get("JIYUE_STATIC_ROOT", VAR_DIR / "static_tree"))
JIYUE_STATIC_PUBLISHING = env_bool("JIYUE_STATIC_PUBLISHING", False)
JIYUE_STATIC_RSYNC_TARGET = os.environ.get("JIYUE_STATIC_RSYNC_TARGET", "")
# Record what each page served by Django read (needed to purge a page cache or a CDN precisely;
# on by itself when WAGTAILFRONTENDCACHE is configured).
JIYUE_STATIC_RECORD_REQUESTS = env_bool("JIYUE_STATIC_RECORD_REQUESTS", False)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "cms.staticsite.middleware.DependencyRecordingMiddleware",
)
