"""The nginx configuration that serves the static tree (issue 14 item 2): one server per hostname
of the cluster, files from `<static root>/<host>/`, everything else (and every dynamic endpoint)
proxied to Django.

What is always proxied, never looked up in the tree:
- non-GET/HEAD requests and any request with a query string (search, filters, pagination,
  forms: the tree holds one file per path, so `?page=2` or a POST must reach Django);
- a visitor in 长者模式 (the `jiyue_elderly` cookie changes the rendered page, themes/views.py);
- the dynamic prefixes: admin, documents (served only while a live page uses them), the
  elderly-mode switch, 依申请公开, the APIs, search, feeds and sitemaps (they answer conditional
  GETs with 304 themselves, cms/feeds) and the routable form/status sub-pages.

Pages are looked up as `<path>index.html` in a `~ /$` location and other files as `$uri` in
`/`, rather than one `try_files $uri $uri/index.html @django`: for a path ending in `/`, `$uri`
tests the directory, and a directory of the tree without its index.html (a page not written
yet, with written children) would then answer 403 instead of falling back to Django.

The security headers nginx adds to files are computed by cms.deployment.headers from the same
settings and functions as Django's middleware; proxied responses keep Django's own headers (an
`add_header` in the static locations only, so nothing is doubled). The config is complete and
self-contained (no include of the distribution's nginx.conf or mime.types): pid, logs and temp
paths live under one runtime directory, so `nginx -t -c FILE` works for an unprivileged user."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from wagtail.models import Site

from cms.deployment.headers import HSTS_HEADER, hsts_value, page_headers
from cms.staticsite.rendering import DYNAMIC_PREFIXES
from cms.staticsite.tree import ASSETS_DIR

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# The marker prefix that sends a request past the tree: no file lives under it.
DYNAMIC_MARKER = "/.jiyue-dynamic"
# Path prefixes only Django answers: the static publisher's own list (it never writes files there).
# Sub-pages of routable pages that hold a form or look up a citizen's case (cms/interaction).
DYNAMIC_SUBPAGES = ("write", "submitted", "status", "suggest")
MIME_TYPES = {
    "text/html": "html htm",
    "text/css": "css",
    "text/plain": "txt",
    "text/xml": "xml",
    "application/javascript": "js mjs",
    "application/json": "json",
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/pdf": "pdf",
    "image/svg+xml": "svg svgz",
    "image/png": "png",
    "image/jpeg": "jpg jpeg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/avif": "avif",
    "image/x-icon": "ico",
    "font/woff": "woff",
    "font/woff2": "woff2",
    "font/ttf": "ttf",
    "application/vnd.ms-fontobject": "eot",
}
COMPRESSIBLE = (
    "text/css text/plain text/xml application/javascript application/json "
    "application/rss+xml application/atom+xml image/svg+xml"
)
# ManifestStaticFilesStorage names: `jiyue.0123456789ab.css` (12 hex digits), cached for a year.
HASHED_ASSET = r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$"


def static_root() -> Path:
    """JIYUE_STATIC_ROOT (setting, else the environment variable), default VAR_DIR/static_tree:
    the tree `publish_static` (cms.staticsite) writes."""
    configured = getattr(settings, "JIYUE_STATIC_ROOT", None) or os.environ.get("JIYUE_STATIC_ROOT")
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "static_tree"


def cluster_hostnames() -> list[str]:
    """Every hostname of the cluster's sites, once each, in a stable order."""
    return sorted(set(Site.objects.values_list("hostname", flat=True)))


def upload_limit_mib() -> int:
    """The largest upload Django accepts (attachments, documents) plus room for the form."""
    largest = max(
        int(getattr(settings, "JIYUE_DISCLOSURE_ATTACHMENT_MAX_BYTES", 0) or 0),
        int(getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 0) or 0),
        int(getattr(settings, "JIYUE_MESSAGE_ATTACHMENT_MAX_BYTES", 0) or 0) * 3,
    )
    return max(1, -(-largest // (1024 * 1024))) + 10


@dataclass
class NginxOptions:
    upstreams: Sequence[str] = ("127.0.0.1:8000",)
    root: Path = field(default_factory=static_root)
    hosts: Sequence[str] = ()
    listen: int = 80
    runtime_dir: Path | None = None
    user: str | None = None
    access_log: str | None = None  # a path, "off", or None for <runtime_dir>/access.log
    media_root: Path | None = None
    html_max_age: int = 60
    brotli: bool | None = None  # None: when the module is installed on this machine
    tls_cert_dir: Path | None = None  # <dir>/<host>.crt and <host>.key: listen 443 with TLS
    tls_listen: int = 443
    trust_forwarded_proto: bool = False  # TLS ends before nginx (a load balancer)
    worker_processes: str = "auto"

    def resolved_runtime_dir(self) -> Path:
        return self.runtime_dir or self.root.parent / "nginx"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _header_lines(indent: str, cache_control: str) -> list[str]:
    lines = [f"{indent}add_header Cache-Control {_quote(cache_control)} always;"]
    for name, value in page_headers().items():
        lines.append(f"{indent}add_header {name} {_quote(value)} always;")
    # Empty on plain HTTP, where nginx then sends no header at all (Django sends it on HTTPS only).
    lines.append(f"{indent}add_header {HSTS_HEADER} $jiyue_hsts always;")
    return lines


def _validate_host(host: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        raise ValueError(f"主机名不合法：{host!r}")
    return host


def _validate_upstream(upstream: str) -> str:
    if not re.fullmatch(r"(unix:[\w./-]+|[\w.-]+:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5})", upstream):
        raise ValueError(f"上游地址应为 主机:端口 或 unix:路径：{upstream!r}")
    return upstream


def _listen_lines(options: NginxOptions, host: str | None) -> list[str]:
    default = " default_server" if host is None else ""
    if options.tls_cert_dir is None:
        return [f"    listen {options.listen}{default};"]
    cert_host = host or (options.hosts[0] if options.hosts else "default")
    cert_dir = options.tls_cert_dir
    return [
        f"    listen {options.tls_listen} ssl http2{default};",
        f"    ssl_certificate {cert_dir / f'{cert_host}.crt'};",
        f"    ssl_certificate_key {cert_dir / f'{cert_host}.key'};",
    ]


def _proxy_location(spec: str) -> list[str]:
    return [f"    location {spec} {{", "        proxy_pass http://jiyue_django;", "    }"]


def _site_server(options: NginxOptions, host: str) -> list[str]:
    tree = options.root / host
    static_url = str(settings.STATIC_URL or "/static/")
    if not static_url.startswith("/"):
        static_url = "/static/"  # an absolute STATIC_URL (a CDN) is not served here
    # publish_static copies the assets to <root>/_static/ + STATIC_URL (cms.staticsite.tree).
    static_dir = options.root / ASSETS_DIR / static_url.strip("/")
    lines = [
        "server {",
        *[line for line in _listen_lines(options, host) if line],
        f"    server_name {host};",
        f"    root {tree};",
        "",
        "    # Only Django answers these (forms, case status, APIs, search, feeds with 304s).",
    ]
    for prefix in DYNAMIC_PREFIXES:
        lines += _proxy_location(f"^~ {prefix}")
    lines += _proxy_location("= /sitemap.xml")
    lines += _proxy_location(r"~ ^/sitemap-[0-9]+\.xml$")
    lines += _proxy_location(f"~ /({'|'.join(DYNAMIC_SUBPAGES)})/$")
    lines += [
        "",
        "    # Collected assets (STATIC_URL); a file missing from the tree is asked of Django.",
        f"    location ^~ {static_url} {{",
        f"        alias {static_dir}/;",
        f"        location ~ {_quote(HASHED_ASSET)} {{",
        *_header_lines("            ", "public, max-age=31536000, immutable"),
        "            try_files $uri @django;",
        "        }",
        *_header_lines("        ", "public, max-age=3600"),
        "        try_files $uri @django;",
        "    }",
    ]
    media_root = options.media_root or Path(settings.MEDIA_ROOT)
    media_url = str(settings.MEDIA_URL or "/media/")
    if media_url.startswith("/"):
        lines += [
            "    # Image renditions are the only public media files (cms/core/storage.py).",
            f"    location ^~ {media_url}images/ {{",
            f"        alias {media_root / 'images'}/;",
            *_header_lines("        ", "public, max-age=86400"),
            "    }",
            f"    location ^~ {media_url} {{",
            "        return 404;",
            "    }",
        ]
    html_cache = f"public, max-age={options.html_max_age}"
    lines += [
        "",
        "    # Pages: <path>/index.html of the tree (index.html.gz / .br when the client takes it);",
        "    # $jiyue_tree sends queries, non-GET and 长者模式 to Django instead.",
        "    location ~ /$ {",
        *_header_lines("        ", html_cache),
        "        try_files $jiyue_tree${uri}index.html @django;",
        "    }",
        "    location / {",
        *_header_lines("        ", html_cache),
        "        try_files $jiyue_tree$uri @django;",
        "    }",
        "    location @django {",
        "        proxy_pass http://jiyue_django;",
        "    }",
        "}",
    ]
    return lines


def render_config(options: NginxOptions) -> str:
    """The whole nginx.conf for `options` (hosts default to every Site of the cluster)."""
    hosts = [_validate_host(h) for h in (options.hosts or cluster_hostnames())]
    options.hosts = hosts
    upstreams = [_validate_upstream(u) for u in options.upstreams]
    if not upstreams:
        raise ValueError("至少需要一个上游 Django 地址（--upstream）")
    runtime = options.resolved_runtime_dir()
    brotli = BROTLI_MODULE.exists() if options.brotli is None else options.brotli
    access_log = options.access_log or str(runtime / "access.log")
    hsts = hsts_value()
    proto = "$jiyue_forwarded_proto" if options.trust_forwarded_proto else "$scheme"

    lines = [
        "# Generated by `python manage.py nginx_config`: regenerate (do not edit) after adding a",
        "# site or changing the security settings. Serves the static tree, falls back to Django.",
    ]
    if brotli:
        lines.append(f"load_module {BROTLI_MODULE};")
    if options.user:
        lines.append(f"user {options.user};")
    lines += [
        f"worker_processes {options.worker_processes};",
        # Every page request passes the regex locations (sitemaps, form sub-pages, `~ /$`):
        # compiled, they cost a fraction of the interpreted match (about 6 % of nginx's time per
        # page request measured on the portal home; benchmarks/static_bench.py).
        "pcre_jit on;",
        f"pid {runtime / 'nginx.pid'};",
        f"error_log {runtime / 'error.log'} warn;",
        "",
        "events {",
        "    worker_connections 4096;",
        "}",
        "",
        "http {",
        "    types {",
        *[f"        {mime} {exts};" for mime, exts in MIME_TYPES.items()],
        "    }",
        "    default_type application/octet-stream;",
        "    charset utf-8;",
        f"    charset_types {COMPRESSIBLE};",
        "    server_tokens off;",
        "    sendfile on;",
        "    tcp_nopush on;",
        "    keepalive_timeout 65;",
        "    keepalive_requests 10000;",
        "    open_file_cache max=10000 inactive=30s;",
        "    open_file_cache_valid 5s;",
        f"    access_log {access_log};",
        f"    client_body_temp_path {runtime / 'client_body'};",
        f"    proxy_temp_path {runtime / 'proxy'};",
        f"    fastcgi_temp_path {runtime / 'fastcgi'};",
        f"    uwsgi_temp_path {runtime / 'uwsgi'};",
        f"    scgi_temp_path {runtime / 'scgi'};",
        f"    client_max_body_size {upload_limit_mib()}m;",
        "",
        "    # Precompressed files next to each page and asset; on-the-fly gzip for the rest.",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_proxied any;",
        f"    gzip_types {COMPRESSIBLE};",
        "    gzip_static on;",
    ]
    if brotli:
        lines.append("    brotli_static on;")
    lines += [
        "",
        "    # Past the tree: any query string, any method but GET/HEAD, and 长者模式.",
        "    map $cookie_jiyue_elderly $jiyue_elderly {",
        '        "1" "e";',
        '        default "";',
        "    }",
        '    map "$request_method$is_args$jiyue_elderly" $jiyue_tree {',
        '        GET "";',
        '        HEAD "";',
        f'        default "{DYNAMIC_MARKER}";',
        "    }",
    ]
    if options.trust_forwarded_proto:
        lines += [
            "    map $http_x_forwarded_proto $jiyue_forwarded_proto {",
            "        https https;",
            "        default $scheme;",
            "    }",
        ]
    lines += [
        f"    map {proto} $jiyue_hsts {{",
        f"        https {_quote(hsts)};" if hsts else '        https "";',
        '        default "";',
        "    }",
        "",
        "    upstream jiyue_django {",
        *[f"        server {u};" for u in upstreams],
        "        keepalive 32;",
        "    }",
        "    proxy_http_version 1.1;",
        '    proxy_set_header Connection "";',
        "    proxy_set_header Host $http_host;",
        "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        f"    proxy_set_header X-Forwarded-Proto {proto};",
        "    proxy_set_header X-Real-IP $remote_addr;",
        "    proxy_redirect off;",
        "    proxy_read_timeout 120s;",
        "",
    ]
    if options.tls_cert_dir is not None:
        lines += [
            "    # Plain HTTP only redirects to HTTPS (Django's SECURE_SSL_REDIRECT does the same).",
            "    server {",
            f"        listen {options.listen} default_server;",
            "        server_name _;",
            "        return 301 https://$host$request_uri;",
            "    }",
            "",
        ]
    lines += [
        "    # A host of no site: Django answers (DisallowedHost, or the default site).",
        "    server {",
        *[f"    {line}" for line in _listen_lines(options, None) if line],
        "        server_name _;",
        "        location / {",
        "            proxy_pass http://jiyue_django;",
        "        }",
        "    }",
    ]
    for host in hosts:
        lines.append("")
        lines += [f"    {line}" if line else "" for line in _site_server(options, host)]
    lines += ["}", ""]
    return "\n".join(lines)


def runtime_dirs(options: NginxOptions) -> Iterable[Path]:
    """Directories the config names that nginx expects to exist."""
    runtime = options.resolved_runtime_dir()
    yield runtime
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        yield runtime / name
