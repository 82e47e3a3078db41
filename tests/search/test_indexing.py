"""Indexing follows publishing: publish, unpublish, withdraw, move, slug change, delete, alias,
each through on_commit and the task backend (ImmediateBackend in tests)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cms.pages.models import ArticleAttachment, ArticlePage
from cms.pages.withdrawal import reinstate_page, withdraw_page
from search.documents import build_document
from search.engines import get_engine
from search.models import IndexEntry


def indexed_ids() -> set[int]:
    return set(IndexEntry.objects.values_list("page_id", flat=True))


def publish_new(column, title: str, body: str) -> ArticlePage:
    page = ArticlePage(title=title, body=body, live=False)
    column.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_publish_indexes_and_unpublish_removes(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(column, "安宁县秋粮收购工作启动", "<p>秋粮收购点全部开放。</p>")
    assert page.pk in indexed_ids()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.pk not in indexed_ids()


def test_withdraw_removes_and_reinstate_restores(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(column, "安宁县冬季征兵公告", "<p>征兵报名开始。</p>")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_page(page, reason="信息有误")
    assert page.pk not in indexed_ids()
    with django_capture_on_commit_callbacks(execute=True):
        reinstate_page(page)
    assert page.pk in indexed_ids()


def test_nothing_is_indexed_before_commit(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = publish_new(column, "未提交的稿件", "<p>内容</p>")
    assert page.pk not in indexed_ids()
    assert callbacks


def test_move_and_slug_change_reindex_urls(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    target = cluster.column(cluster.county_b, "tzgg")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(column, "移动测试稿件", "<p>内容</p>")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    entry = IndexEntry.objects.get(page_id=page.pk)
    assert entry.site_id == cluster.county_b.site_id
    assert entry.url.startswith("http://qingyuan.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        target.slug = "notices"
        target.save_revision().publish()
    assert "/notices/" in IndexEntry.objects.get(page_id=page.pk).url


def test_delete_removes(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(column, "删除测试稿件", "<p>内容</p>")
    pk = page.pk
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert pk not in indexed_ids()


def test_alias_on_another_site_is_not_a_second_hit(cluster, django_capture_on_commit_callbacks):
    column = cluster.column(cluster.county_a, "gzdt")
    target = cluster.column(cluster.city, "gzdt")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(column, "共享稿件", "<p>内容</p>")
    with django_capture_on_commit_callbacks(execute=True):
        alias = page.create_alias(parent=target)
    # A shared copy is the original's record: cluster search finds the original, once.
    assert not IndexEntry.objects.filter(page_id=alias.pk).exists()
    assert IndexEntry.objects.filter(page_id=page.pk).exists()


def test_build_document_reads_metadata_and_attachments(cluster):
    column = cluster.column(cluster.county_a, "zcwj")
    page = publish_new(column, "附件测试", "<p>正文<b>加粗</b></p>")
    document = Document(title="附件")
    document.file.save("fujian.txt", ContentFile("附件里的独特词语：蓝鲸计划".encode()), save=True)
    ArticleAttachment.objects.create(page=page, document=document)
    page.search_metadata = lambda: {"document_number": "安政发〔2026〕3号", "validity": "有效"}
    built = build_document(page)
    assert built is not None
    assert "蓝鲸计划" in built.attachment_text
    assert built.body == "正文加粗"
    assert built.document_number == "安政发〔2026〕3号"
    assert built.column_type == "政策文件"
    assert built.site_name == cluster.county_a.canonical_name


def test_build_document_is_none_for_draft_and_private(cluster):
    column = cluster.column(cluster.county_a, "gzdt")
    draft = ArticlePage(title="草稿", body="<p>x</p>", live=False)
    column.add_child(instance=draft)
    assert build_document(draft) is None
    assert build_document(column) is None


def test_rebuild_command_sweeps_stale_documents(cluster, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    column = cluster.column(cluster.county_a, "gzdt")
    page = publish_new(column, "重建测试稿件", "<p>内容</p>")
    get_engine().delete([page.pk])
    IndexEntry.objects.create(page_id=999999, site_id=1, title="陈旧", url="/x/")
    call_command("rebuild_search_index")
    assert page.pk in indexed_ids()
    assert 999999 not in indexed_ids()
