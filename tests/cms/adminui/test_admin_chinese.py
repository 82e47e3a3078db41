"""Acceptance (issue 15): no admin page an editor or a moderator opens contains an English
sentence from Wagtail's default strings (tests/cms/adminui/wagtail_strings.py); our own
translations (cms/adminui/locale) and templates supply what Wagtail's zh_Hans catalogue lacks.
The pages opened are listed below, as each role reaches them from the menus."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fixtures.factories import ArticlePageFactory
from tests.cms.adminui.wagtail_strings import english_found, english_sentences
from tests.conftest import CITY_HOST, host_client

# Checks configuration and external programs, not the database: the SQLite pass runs it.
pytestmark = pytest.mark.database_neutral

EDITOR_PAGES = [
    "wagtailadmin_home",
    "wagtailadmin_explore_root",
    "explore_home",
    "explore_column",
    "edit_article",
    "add_article",
    "edit_disclosure",
    "history_article",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_account",
    "search_pages",
    "adminui_guide",
]
MODERATOR_PAGES = [
    *EDITOR_PAGES,
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:locked_pages",
    "review:settings",
    "gi_requests_admin:index",
]


def urls(cluster, article, disclosure) -> dict[str, str]:
    home = cluster.county_a.site.root_page
    column = article.get_parent()
    special = {
        "explore_home": reverse("wagtailadmin_explore", args=[home.pk]),
        "explore_column": reverse("wagtailadmin_explore", args=[column.pk]),
        "edit_article": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "add_article": reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk]),
        "edit_disclosure": reverse("wagtailadmin_pages:edit", args=[disclosure.pk]),
        "history_article": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "search_pages": reverse("wagtailadmin_pages:search") + "?q=通知",
    }
    return special


@pytest.fixture
def pages(cluster, orgs, make_disclosure):
    article = ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "gzdt"), title="关于开展安全生产检查的通知"
    )
    article.save_revision().publish()
    column = cluster.column(cluster.county_a, "fgwj")
    disclosure = make_disclosure(column, orgs["county_a"])
    return urls(cluster, article, disclosure)


def test_the_sentence_list_is_wagtails():
    sentences = english_sentences()
    assert len(sentences) > 500
    assert "Search all pages" in sentences and "Has child pages" in sentences


@pytest.mark.parametrize(
    "role, names",
    [("editors_group", EDITOR_PAGES), ("moderators_group", MODERATOR_PAGES)],
    ids=["county-editor", "county-moderator"],
)
def test_no_wagtail_english_on_the_pages_a_role_opens(cluster, make_user, pages, role, names):
    user = make_user(f"zh_{role}", groups=[getattr(cluster.county_a, role)])
    client = host_client(CITY_HOST, user)
    found = {}
    for name in names:
        url = pages.get(name) or reverse(name)
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, url, response.status_code)
        english = english_found(response.content.decode())
        if english:
            found[url] = english
    assert found == {}, found
