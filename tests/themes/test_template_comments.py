"""No developer comment reaches the public. Django's `{# … #}` comment holds on one line only: a
comment continued on the next line renders as text (it did on the 公开年报 page). Every template
of the project keeps its `{#` and `#}` on one line, and one live page of every page kind of every
demo site renders with neither."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from tests.conftest import host_client

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / name for name in ("cms", "sites", "search", "themes")]


def test_every_template_comment_closes_on_its_line():
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.count("{#") != line.count("#}")
    ]
    assert unclosed == [], "多行注释请用 {% comment %}：" + "，".join(unclosed)


@pytest.mark.database_neutral  # templates, not the database
def test_no_public_page_of_any_kind_shows_a_template_comment(demo_cluster):
    root = Page.objects.get(depth=1)
    seen: set[tuple[int, int]] = set()
    checked = []
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
        site = page.get_site()
        key = (site.pk, page.content_type_id)
        if key in seen or site.root_page_id == root.pk:
            continue
        seen.add(key)
        response = host_client(site.hostname).get(page.relative_url(site))
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert "{#" not in html and "#}" not in html, page.url
        checked.append(ContentType.objects.get_for_id(page.content_type_id).model)
    assert {"annualreportpage", "articlepage", "disclosurepage"} <= set(checked)
