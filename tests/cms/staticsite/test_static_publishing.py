"""Static publishing (issue 14): after publishing, editing, withdrawing, moving and deleting
articles and running the worker's jobs, every file of the static tree equals a fresh render of
its URL (zero stale files); the changed pages' own files appear and disappear; the tree is
pushed to the rsync target; the cache purge follows the same dependents."""

from __future__ import annotations

import gzip
import http.server
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from cms.core.publishing import publish_page
from cms.core.update_kinds import UpdateKind
from cms.pages.models import ArticlePage, ColumnPage
from cms.pages.withdrawal import withdraw_page
from cms.staticsite import tree
from cms.staticsite.jobs import run_pending
from cms.staticsite.models import Dependency, JobState, PublishJob
from cms.staticsite.purge import page_cache_key
from cms.staticsite.rendering import host_header
from fixtures.factories import ArticlePageFactory
from tests.conftest import COUNTY_A_HOST, DEMO_GROUP

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(DEMO_GROUP)]

PURGE_PORT = 8510


@pytest.fixture
def static_root(demo_cluster, tmp_path, settings) -> Path:
    root = tmp_path / "tree"
    settings.JIYUE_STATIC_ROOT = root
    settings.JIYUE_STATIC_PUBLISHING = True
    return root


def county_site() -> Site:
    return Site.objects.select_related("root_page").get(hostname=COUNTY_A_HOST)


def column(site: Site, slug: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(site.root_page).get(slug=slug)


def url_of(page) -> str:
    return page.get_url_parts()[2]


def file_of(root: Path, page) -> Path:
    return tree.file_for(root, COUNTY_A_HOST, url_of(page))


def assert_no_stale_files(root: Path) -> int:
    """Every published file (and its .gz) equals what Django renders for its URL now."""
    sites = {site.hostname: site for site in Site.objects.all()}
    checked = 0
    for host_dir in sorted(p for p in root.iterdir() if p.name != tree.ASSETS_DIR):
        site = sites[host_dir.name]
        client = Client(HTTP_HOST=host_header(site))
        for relative in tree.host_files(root, host_dir.name):
            path = tree.url_path_of(relative)
            response = client.get(path)
            stored = (host_dir / relative).read_bytes()
            assert response.status_code == 200, f"{host_dir.name}{path} is {response.status_code}"
            assert stored == response.content, f"stale file {host_dir.name}{path}"
            gz = host_dir / relative.with_name(relative.name + ".gz")
            assert gzip.decompress(gz.read_bytes()) == stored, f"stale gzip {path}"
            checked += 1
    return checked


def test_every_file_matches_a_fresh_render_after_each_kind_of_change(
    demo_cluster, static_root, settings, tmp_path
):
    # A file left from a page deleted while nothing was publishing.
    leftover = static_root / COUNTY_A_HOST / "gone" / "index.html"
    tree.write(leftover, b"<html>old</html>")
    call_command("publish_static", "--site", COUNTY_A_HOST, verbosity=0)
    assert not leftover.exists() and not leftover.parent.exists()
    site = county_site()
    news, notices = column(site, "gzdt"), column(site, "tzgg")
    assert (static_root / COUNTY_A_HOST / "index.html").is_file()
    assert (static_root / tree.ASSETS_DIR / "static").is_dir()
    # Pages with a form (a CSRF token) are left to Django.
    assert not (static_root / COUNTY_A_HOST / "hdjl" / "liuyan" / "index.html").exists()
    edited = ArticlePage.objects.live().child_of(news).order_by("pk").first()
    withdrawn, moved, deleted = (
        ArticlePageFactory(parent=news, title=f"安宁县第{n}季度重点项目建设情况通报")
        for n in (1, 2, 3)
    )
    run_pending()

    # Publish a new article: its own file and the lists that now show it.
    new = ArticlePageFactory(parent=news, title="安宁县召开2026年冬季安全生产工作会议")
    assert run_pending()["failed"] == 0
    assert "冬季安全生产" in file_of(static_root, new).read_text()
    assert "冬季安全生产" in (static_root / COUNTY_A_HOST / "index.html").read_text()
    assert "冬季安全生产" in file_of(static_root, news).read_text()

    # Edit (a 一般修改 retitling an item shown in lists).
    edited.title = "安宁县优化营商环境工作推进会召开（更正）"
    publish_page(edited, update_kind=UpdateKind.MINOR)
    run_pending()
    assert "（更正）" in file_of(static_root, edited).read_text()

    # 撤稿: the page keeps its URL with a notice, served by Django; it leaves every list.
    withdraw_page(withdrawn, reason="内容有误，已撤稿。")
    run_pending()
    assert not file_of(static_root, withdrawn).exists()

    # Move to another column: the old URL's file goes, the new one comes.
    old_file = file_of(static_root, moved)
    moved.move(notices, pos="last-child")
    moved.refresh_from_db()
    run_pending()
    assert not old_file.exists()
    assert file_of(static_root, moved).is_file()

    # Delete.
    deleted_file = file_of(static_root, deleted)
    deleted.delete()
    settings.JIYUE_STATIC_RSYNC_TARGET = str(tmp_path / "mirror")
    run_pending()
    assert not deleted_file.exists()
    assert not PublishJob.objects.exclude(state=JobState.DONE).exists()

    assert assert_no_stale_files(static_root) > 50
    # The push mirrors the tree exactly (deletions included).
    mirror = tmp_path / "mirror"
    assert (mirror / COUNTY_A_HOST / "index.html").read_bytes() == (
        static_root / COUNTY_A_HOST / "index.html"
    ).read_bytes()
    assert not (mirror / deleted_file.relative_to(static_root)).exists()


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    purged: list[str] = []

    def do_PURGE(self) -> None:
        PurgeRecorder.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_cache_purge_mode_drops_the_dependents_from_both_caches(demo_cluster, settings):
    """Without static files: pages served by Django record what they read; a publish purges
    Django's cache entries and the frontend cache (Wagtail's HTTP backend) for the same URLs."""
    settings.JIYUE_STATIC_PUBLISHING = False
    settings.JIYUE_STATIC_RECORD_REQUESTS = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PURGE_PORT), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{PURGE_PORT}",
        }
    }
    PurgeRecorder.purged = []
    try:
        site = county_site()
        news = column(site, "gzdt")
        client = Client(HTTP_HOST=host_header(site))
        for path in ("/", url_of(news), "/zwgk/"):
            assert client.get(path).status_code == 200
            cache.set(page_cache_key(COUNTY_A_HOST, path), b"cached")
        assert Dependency.objects.filter(site_id=site.pk, path="/").exists()

        ArticlePageFactory(parent=news, title="安宁县开展冬季供暖安全检查")
        run_pending()
    finally:
        server.shutdown()
        server.server_close()
    assert cache.get(page_cache_key(COUNTY_A_HOST, "/")) is None
    assert cache.get(page_cache_key(COUNTY_A_HOST, url_of(news))) is None
    # A column the new article is not in keeps its entry.
    assert cache.get(page_cache_key(COUNTY_A_HOST, "/zwgk/")) == b"cached"
    assert f"{COUNTY_A_HOST}:8000/" in PurgeRecorder.purged
    assert f"{COUNTY_A_HOST}:8000{url_of(news)}" in PurgeRecorder.purged


def test_a_failed_job_is_kept_with_its_error_and_retried(static_root, settings, tmp_path):
    """A push that fails (the rsync target cannot be created) leaves the job pending with the
    error and a later attempt time; once the target works, the retry completes it."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.JIYUE_STATIC_RSYNC_TARGET = str(blocker / "mirror")
    news = column(county_site(), "gzdt")
    article = ArticlePageFactory(parent=news, title="安宁县发布冬季道路交通安全提示")
    assert run_pending()["failed"] == 1
    job = PublishJob.objects.get()
    assert job.state == JobState.PENDING and job.attempts == 1 and job.last_error
    assert job.next_attempt_at > job.created_at
    assert run_pending()["jobs"] == 0  # not due yet

    settings.JIYUE_STATIC_RSYNC_TARGET = str(tmp_path / "mirror")
    PublishJob.objects.update(next_attempt_at=job.created_at)  # the delay has passed
    assert run_pending()["failed"] == 0
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2 and not job.last_error
    assert (tmp_path / "mirror" / COUNTY_A_HOST / tree.relative_file(url_of(article))).is_file()


def test_a_change_rewrites_its_neighbours_not_every_article_of_its_column(
    demo_cluster, static_root
):
    # The 上一篇/下一篇 lookup records only the two pages it shows; every change of an article
    # (一般修改, new, 撤稿) rewrites the articles just before and after it, not every other
    # article of the column, and still leaves no stale file.
    news = column(county_site(), "gzdt")
    for n in range(12):
        ArticlePageFactory(parent=news, title=f"安宁县第{n + 1}期重点工作简报")
    call_command("publish_static", "--site", COUNTY_A_HOST, verbosity=0)
    run_pending()
    articles = list(ArticlePage.objects.live().child_of(news).order_by("-first_published_at"))
    middle = len(articles) // 2
    articles[middle].title = f"{articles[middle].title}（更正）"
    publish_page(articles[middle], update_kind=UpdateKind.MINOR)
    counts = run_pending()
    assert counts["failed"] == 0 and counts["urls"] < middle
    for neighbour in (articles[middle - 1], articles[middle + 1]):
        assert "（更正）" in file_of(static_root, neighbour).read_text()
    assert "（更正）" not in file_of(static_root, articles[0]).read_text()

    ArticlePageFactory(parent=news, title="安宁县冬季供暖保障工作推进会召开")
    assert run_pending()["urls"] < middle
    assert "冬季供暖保障" in file_of(static_root, articles[0]).read_text()
    withdraw_page(articles[middle + 2], reason="测试撤稿。")
    assert run_pending()["urls"] < middle
    assert articles[middle + 2].title not in file_of(static_root, articles[middle + 1]).read_text()
    assert assert_no_stale_files(static_root)
