"""The page editor's primary button: 提交审核 for an editor who cannot publish; a moderator keeps
Wagtail's 保存草稿 first, with 发布 behind the arrow (Wagtail renders the first action as the
button, the rest behind its arrow)."""

from __future__ import annotations

import re

from django.urls import reverse

from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client


def primary_action(html: str) -> str:
    """The first submit button of the editor's footer: its `name`, or "save" for 保存草稿
    (which has none); the others are behind the arrow."""
    footer = html[html.index("actions--primary") :]
    button = re.search(r'<button\s+type="submit"[^>]*>', footer).group(0)
    named = re.search(r'name="(action-[a-z-]+)"', button)
    return named.group(1) if named else "save" if "action-save" in button else button


def test_editors_primary_action_is_submit_for_review(cluster, make_user):
    page = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="防火通知")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor = make_user("ed", groups=[cluster.county_a.editors_group])
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    editor_html = host_client("www.localhost", editor).get(url).content.decode()
    assert primary_action(editor_html) == "action-submit"
    assert "保存草稿" in editor_html  # still there, behind the arrow
    moderator_html = host_client("www.localhost", moderator).get(url).content.decode()
    assert primary_action(moderator_html) == "save" and 'name="action-publish"' in moderator_html
