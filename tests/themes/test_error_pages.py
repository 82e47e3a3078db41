"""Error pages with DEBUG off (issue 15 item 1): 404, 403 and 400 in the serving site's own header
and footer with a search box and a link home; a host no site serves gets the list of the
cluster's sites; 500 is static and renders while the database is unavailable."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.urls import get_resolver

from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client
from themes import errors


def test_debug_is_off_for_these_tests():
    assert settings.DEBUG is False


def test_handlers_are_the_chinese_error_pages():
    resolver = get_resolver()
    assert resolver.resolve_error_handler(400) is errors.bad_request
    assert resolver.resolve_error_handler(403) is errors.permission_denied
    assert resolver.resolve_error_handler(404) is errors.page_not_found
    assert resolver.resolve_error_handler(500) is errors.server_error


def assert_site_chrome(html: str, profile) -> None:
    assert f'<meta name="SiteIDCode" content="{profile.site_code}">' in html
    assert profile.canonical_name in html
    assert 'class="site-footer"' in html
    assert f"网站标识码：{profile.site_code}" in html
    assert 'action="/search/"' in html and 'id="error-search-q"' in html
    assert 'class="error-home" href="/"' in html
    assert "Not Found" not in html and "requested resource" not in html


def test_404_is_chinese_inside_the_sites_own_header_and_footer(cluster):
    for profile in (cluster.county_a, cluster.county_b):
        response = host_client(profile.site.hostname).get("/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "页面不存在" in html
        assert_site_chrome(html, profile)
    other = host_client(COUNTY_B_HOST).get("/no-such-page/").content.decode()
    assert cluster.county_a.site_code not in other


@pytest.mark.parametrize("status, handler", [(400, "bad_request"), (403, "permission_denied")])
def test_400_and_403_are_chinese_site_pages(cluster, status, handler):
    request = RequestFactory(HTTP_HOST=COUNTY_A_HOST).get("/some/path/")
    response = getattr(errors, handler)(request, Exception("detail not shown"))
    assert response.status_code == status
    html = response.content.decode()
    assert errors.MESSAGES[status][0] in html
    assert "detail not shown" not in html
    assert_site_chrome(html, cluster.county_a)


@override_settings(ALLOWED_HOSTS=[".localhost"])
def test_a_host_no_site_serves_gets_the_list_of_sites(cluster):
    response = Client(HTTP_HOST="www.example.com").get("/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "未找到该网站" in html
    for profile in cluster.all:
        assert profile.canonical_name in html
        assert f'href="{profile.site.root_url}/"' in html
    assert 'class="site-footer"' not in html


def test_without_a_default_site_an_unknown_host_gets_the_list_of_sites(cluster):
    from wagtail.models import Site

    Site.objects.update(is_default_site=False)
    response = Client(HTTP_HOST="unknown.localhost").get("/nothing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "未找到该网站" in html
    assert cluster.county_a.canonical_name in html


def refuse_queries(execute, sql, params, many, context):
    raise connection.Database.OperationalError("数据库不可用（测试）")


def test_500_renders_while_the_database_is_unavailable(cluster):
    client = Client(HTTP_HOST=COUNTY_A_HOST, raise_request_exception=False)
    with connection.execute_wrapper(refuse_queries):
        # Serving the home reads the database: the request fails and the 500 page is rendered
        # under the same wrapper, so it must not query either.
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务器错误" in html
    assert COUNTY_A_HOST in html
    assert 'action="/search/"' in html and 'href="/"' in html
    assert "Server Error" not in html


def test_404_falls_back_to_the_static_page_when_the_database_fails(cluster):
    request = RequestFactory(HTTP_HOST=COUNTY_A_HOST).get("/gone/")
    with connection.execute_wrapper(refuse_queries):
        response = errors.page_not_found(request, Exception())
    # The site cannot be read: the static page, still with the status of the error.
    assert response.status_code == 404
    assert "网站暂时无法处理您的请求" in response.content.decode()


def test_a_failed_csrf_check_is_a_chinese_403_page(cluster):
    client = Client(HTTP_HOST=COUNTY_A_HOST, enforce_csrf_checks=True)
    response = client.post("/yisqgk/", {"name": "张三"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and "CSRF" not in html
    assert_site_chrome(html, cluster.county_a)
