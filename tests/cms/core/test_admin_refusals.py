"""Admin writes Wagtail's own views cannot complete are refused in Chinese and change nothing,
never a 500: a delete of a site other sites' profiles still name, a copy without a destination, an
external link without a URL."""

from __future__ import annotations

import json

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, Site

from tests.conftest import CITY_HOST, host_client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_refused_admin_writes_say_why_in_chinese(cluster, make_user):
    admin = host_client(CITY_HOST, make_user("root", superuser=True))
    site = cluster.city.site  # the counties' profiles name it as their parent (PROTECT)
    response = admin.post(reverse("wagtailsites:delete", args=[site.pk]))
    assert response.status_code == 302
    assert any(m.startswith("不能删除：仍有其他内容引用它") for m in messages_of(response))
    assert Site.objects.filter(pk=site.pk).exists()

    home = site.root_page
    pages_before = Page.objects.count()
    response = admin.post(reverse("wagtailadmin_pages:copy", args=[home.pk]), {})
    assert response.status_code == 302
    assert any("缺少必填项" in m for m in messages_of(response))
    assert Page.objects.count() == pages_before

    response = admin.post(reverse("wagtailadmin_choose_page_external_link"), {})
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "external_link"  # the form again, with errors
