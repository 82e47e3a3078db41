"""The generated nginx configuration: valid for `nginx -t`, one server per site, the security
headers Django sends, and — with a real nginx over a small tree — files served from the tree,
everything else (missing pages, queries, 长者模式, unknown hosts) answered by Django."""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from benchmarks._static_tree import fetch_pages, write_page
from cms.deployment.headers import hsts_value, page_headers
from tests.cms.deployment.conftest import free_port, nginx_test
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

# Checks configuration and external programs, not the database: the SQLite pass runs it.
pytestmark = pytest.mark.database_neutral

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def generate(tmp_path: Path, *extra: str) -> tuple[Path, Path]:
    """Write the config for a tree and runtime directory under `tmp_path`."""
    config, runtime = tmp_path / "nginx.conf", tmp_path / "run"
    args = ["--output", str(config), "--root", str(tmp_path / "tree")]
    args += ["--runtime-dir", str(runtime), *extra]
    if os.geteuid() == 0:
        args += ["--user", "root"]  # workers must read pytest's private tmp folders
    call_command("nginx_config", *args, stdout=io.StringIO())
    return config, runtime


def test_generated_config_passes_nginx_t_with_one_server_per_site(cluster, tmp_path, nginx_binary):
    config, runtime = generate(tmp_path, "--upstream", "127.0.0.1:8000", "--listen", "8080")
    checked = nginx_test(nginx_binary, config, runtime)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text()
    for profile in cluster.all:
        host = profile.site.hostname
        assert f"server_name {host};" in text
        assert f"root {tmp_path / 'tree' / host};" in text
    assert "listen 8080 default_server;" in text
    assert "gzip_static on;" in text
    assert str(tmp_path / "run" / "nginx.pid") in text


def test_config_with_tls_and_several_web_machines_passes_nginx_t(cluster, tmp_path, nginx_binary):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    certs = tmp_path / "certs"
    certs.mkdir()
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    for profile in cluster.all:
        host = profile.site.hostname
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256())
        )
        (certs / f"{host}.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (certs / f"{host}.key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    config, runtime = generate(
        tmp_path,
        "--upstream", "10.0.0.11:8000", "--upstream", "10.0.0.12:8000",
        "--tls-cert-dir", str(certs), "--listen", "8080", "--tls-listen", "8443",
    )  # fmt: skip
    checked = nginx_test(nginx_binary, config, runtime)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text()
    assert "server 10.0.0.11:8000;" in text and "server 10.0.0.12:8000;" in text
    assert "return 301 https://$host$request_uri;" in text


def test_bad_arguments_exit_with_one_chinese_line(cluster, tmp_path):
    with pytest.raises(CommandError, match="上游地址"):
        call_command("nginx_config", "--upstream", "not an address", stdout=io.StringIO())
    with pytest.raises(CommandError, match="端口"):
        call_command("nginx_config", "--listen", "70000", stdout=io.StringIO())


def test_headers_for_files_are_those_django_sends_on_a_page(cluster, settings):
    response = host_client(COUNTY_A_HOST).get("/")
    assert response.status_code == 200
    expected = page_headers()
    assert set(expected) >= set(SECURITY_HEADERS)
    for name in SECURITY_HEADERS:
        assert response.headers[name] == expected[name], name
    # HSTS: only on HTTPS, with the production values.
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    secure = host_client(COUNTY_A_HOST).get("/", secure=True)
    assert secure.headers["Strict-Transport-Security"] == hsts_value()


def _get(port: int, host: str, path: str, headers: dict | None = None, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


TREE_MARK = b"<!-- served from the static tree -->"


# A live server needs committed rows; serialized_rollback restores the migrations' rows (root
# page, content types, groups) after the flush, for the tests that follow in this process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(JIYUE_CHROME_CACHE_SECONDS=0)
def test_nginx_serves_the_tree_and_falls_back_to_django(cluster, live_server, tmp_path, run_nginx):
    fetch_pages(tmp_path / "tree", [(COUNTY_A_HOST, "/"), (CITY_HOST, "/")])
    # Marked copies, to tell a file nginx served from a page Django rendered.
    home = host_client(COUNTY_A_HOST).get("/").content
    write_page(tmp_path / "tree", COUNTY_A_HOST, "/", home + TREE_MARK)
    (tmp_path / "tree" / COUNTY_A_HOST / "index.html.gz").write_bytes(
        gzip.compress(home + TREE_MARK + b"gz")
    )
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    config, runtime = generate(
        tmp_path, "--upstream", upstream, "--listen", str(port), "--access-log", "off"
    )
    run_nginx(config, runtime, port)

    response, body = _get(port, f"{COUNTY_A_HOST}:{port}", "/")
    assert response.status == 200 and body.endswith(TREE_MARK)
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("ETag")  # nginx's, never Django's
    assert response.getheader("Cache-Control") == "public, max-age=60"
    expected = page_headers()
    for name in SECURITY_HEADERS:
        assert response.getheader(name) == expected[name], name
    assert response.getheader("Strict-Transport-Security") is None  # plain HTTP

    response, body = _get(port, COUNTY_A_HOST, "/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).endswith(TREE_MARK + b"gz")  # the precompressed file

    response, body = _get(port, COUNTY_A_HOST, "/static/themes/css/jiyue.css")
    assert response.status == 200 and response.getheader("X-Content-Type-Options") == "nosniff"

    # Not in the tree, or not for the tree: Django answers, with its own headers only once.
    for path, headers in [
        ("/gzdt/", {}),
        ("/?page=1", {}),
        ("/", {"Cookie": "jiyue_elderly=1"}),
    ]:
        response, body = _get(port, f"{COUNTY_A_HOST}:{port}", path, headers)
        assert response.status == 200, (path, response.status)
        assert TREE_MARK not in body and response.getheader("ETag") is None, path
        assert "," not in response.getheader("X-Frame-Options"), path
    _, elderly = _get(port, COUNTY_A_HOST, "/", {"Cookie": "jiyue_elderly=1"})
    assert b"elderly-mode" in elderly

    response, body = _get(port, COUNTY_A_HOST, "/search/?q=%E6%94%BF%E5%8A%A1")
    assert response.status == 200 and TREE_MARK not in body
    response, _ = _get(port, "unknown.example", "/")
    assert response.getheader("ETag") is None  # the default server proxied it
