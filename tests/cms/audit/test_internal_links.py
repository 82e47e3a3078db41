"""Internal links of live pages that point at unpublished, withdrawn or deleted pages."""

import datetime as dt

import pytest

from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.audit.internal_links import page_link_ids
from cms.pages.models import ArticlePage, Withdrawal
from fixtures.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_page_link_ids_reads_wagtail_rich_text_links():
    html = '<p><a linktype="page" id="12">甲</a> <a href="/x/">乙</a> <a id="7" linktype="page">丙</a></p>'
    assert page_link_ids(html) == (12, 7)


def make_article(column, slug, body="<p>正文</p>", live=True) -> ArticlePage:
    page = ArticlePageFactory.build(title=f"文章{slug}", slug=slug, body=body, live=False)
    column.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_links_to_draft_withdrawn_and_deleted_pages(cluster):
    news = cluster.column(cluster.county_a, "gzdt")
    fine = make_article(news, "fine")
    draft = make_article(news, "draft", live=False)
    withdrawn = make_article(news, "gone")
    Withdrawal.objects.create(page=withdrawn, reason="内容有误")
    deleted = make_article(news, "deleted")
    deleted_id = deleted.pk
    deleted.delete()
    body = "".join(
        f'<p><a linktype="page" id="{pk}">链接</a></p>'
        for pk in (fine.pk, draft.pk, withdrawn.pk, deleted_id)
    )
    source = make_article(news, "source", body=body)
    make_article(news, "unpublished-source", body=body, live=False)

    site = next(s for s in run_audit([cluster.county_a], dt.date(2026, 6, 15)).sites)
    broken = [f for f in site.findings if f.rule == R.INTERNAL_LINK_BROKEN]
    assert {f.object_id for f in broken} == {source.pk}
    texts = sorted(f.explanation for f in broken)
    assert len(texts) == 3
    assert any("未发布" in t for t in texts)
    assert any("已撤稿" in t for t in texts)
    assert any(f"ID {deleted_id}）已删除" in t for t in texts)
    assert broken[0].admin_url == f"/admin/pages/{source.pk}/edit/"
