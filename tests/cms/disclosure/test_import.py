import json

import pytest
from django.core.management import CommandError, call_command

from cms.disclosure.models import DisclosurePage, ImportedRecord, InterpretationPage
from cms.pages.models import ArticlePage
from search.models import IndexEntry
from tests.conftest import COUNTY_A_HOST, host_client

PDF = b"%PDF-1.7\n%%EOF\n"


def write_file(tmp_path, records) -> str:
    (tmp_path / "files").mkdir(exist_ok=True)
    (tmp_path / "files" / "rules.pdf").write_bytes(PDF)
    (tmp_path / "files" / "fake.pdf").write_bytes(b"MZ\x90\x00 executable")
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


GOOD_DISCLOSURE = {
    "source_id": "old-1001",
    "type": "disclosure",
    "column": "zwgk/fdzdgknr/fgwj",
    "title": "安宁县农村集体经营性建设用地入市管理办法",
    "body": '<p>第一条 为规范管理，制定本办法。</p><script>alert("x")</script>'
    '<p onclick="steal()">第二条</p>',
    "source_url": "http://old.anning.gov.cn/art/2025/3/2/art_1_1001.html",
    "published_at": "2025-03-05T10:00:00+08:00",
    "organisation": "安宁县人民政府",
    "document_number": "安政发[2025]8号",
    "written_date": "2025-03-02",
    "topic": "国土资源、能源\\土地",
    "genre": "决定",
    "regulatory_kind": "行政规范性文件",
    "attachments": [{"path": "files/rules.pdf", "title": "管理办法全文"}],
}
GOOD_ARTICLE = {
    "source_id": "old-2001",
    "type": "article",
    "column": "工作动态",
    "title": "安宁县召开春季农业生产工作会议",
    "body": "<p>会议部署春耕备耕工作。</p>",
    "published_at": "2025-03-10",
}


def test_import_good_duplicate_and_malformed_records(cluster, orgs, tmp_path, capsys):
    records = [
        GOOD_DISCLOSURE,
        GOOD_ARTICLE,
        GOOD_ARTICLE,  # duplicate inside the file
        "{not json",
        {**GOOD_ARTICLE, "source_id": "old-2002", "column": "不存在的栏目"},
        {**GOOD_DISCLOSURE, "source_id": "old-1002", "written_date": "2025-02-30"},
        {**GOOD_DISCLOSURE, "source_id": "old-1003", "genre": "随笔"},
        {
            **GOOD_DISCLOSURE,
            "source_id": "old-1004",
            "attachments": [{"path": "files/fake.pdf"}],
        },
        {**GOOD_DISCLOSURE, "source_id": "old-1005", "attachments": ["../../etc/passwd"]},
        {**GOOD_ARTICLE, "source_id": "old-2003", "title": ""},
        {
            "source_id": "old-3001",
            "type": "interpretation",
            "column": "zcjd",
            "title": "《入市管理办法》解读",
            "body": "<p>解读</p>",
            "interprets": ["old-1001"],
        },
    ]
    path = write_file(tmp_path, records)
    call_command("import_content", path, "--site", COUNTY_A_HOST, "--allow-partial")
    out = capsys.readouterr().out

    assert "已导入 3 条" in out
    assert "已跳过（重复）1 条" in out
    assert "已拒绝 7 条" in out
    for reason in ("JSON 格式错误", "栏目“不存在的栏目”在本网站不存在", "日期“2025-02-30”无效",
                   "“随笔”无效", "内容与扩展名", "超出导入文件所在目录", "缺少必填字段“title”"):  # fmt: skip
        assert reason in out
    assert ImportedRecord.objects.count() == 3
    # Rejected attachment files were not left behind in the document library.
    from wagtail.documents import get_document_model

    assert get_document_model().objects.count() == 1

    page = DisclosurePage.objects.get()
    assert page.document_number == "安政发〔2025〕8号"
    assert page.source_url == "http://old.anning.gov.cn/art/2025/3/2/art_1_1001.html"
    assert page.category == "fgwj" and page.topic.path_label == "国土资源、能源\\土地"
    assert page.index_number.endswith("/2025-00001")
    assert page.attachments.get().title == "管理办法全文"
    assert InterpretationPage.objects.get().interpreted_policies.get().policy == page
    html = host_client(COUNTY_A_HOST).get("/" + page.url_path.split("/", 2)[2]).content.decode()
    assert "第一条" in html
    assert "alert" not in html and "<script>alert" not in html and "steal()" not in html

    # Running the same file again imports nothing new.
    call_command("import_content", path, "--site", COUNTY_A_HOST, "--allow-partial")
    again = capsys.readouterr().out
    assert "已导入 0 条" in again and "已跳过（重复）4 条" in again
    assert ArticlePage.objects.count() == 1 and DisclosurePage.objects.count() == 1


def test_missing_file_or_unknown_site_stops_with_one_line(cluster, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command("import_content", str(tmp_path / "nope.jsonl"), "--site", COUNTY_A_HOST)
    path = write_file(tmp_path, [GOOD_ARTICLE])
    with pytest.raises(CommandError, match=r"网站“unknown\.localhost”不存在"):
        call_command("import_content", path, "--site", "unknown.localhost")


def test_a_rejected_record_makes_the_import_fail_and_says_which(cluster, orgs, tmp_path, capsys):
    bad = {**GOOD_ARTICLE, "source_id": "old-2009", "column": "不存在的栏目"}
    path = write_file(tmp_path, [GOOD_ARTICLE, bad])
    with pytest.raises(CommandError, match=r"有 1 条记录被拒绝.*--allow-partial"):
        call_command("import_content", path, "--site", COUNTY_A_HOST)
    out = capsys.readouterr().out
    assert "第2行（old-2009）：栏目“不存在的栏目”在本网站不存在。" in out
    assert "已导入 1 条" in out and "已拒绝 1 条" in out
    # The good record stays imported: running again after fixing the file skips it.
    assert ArticlePage.objects.filter(title=GOOD_ARTICLE["title"]).count() == 1


def test_allow_partial_accepts_a_partial_import(cluster, orgs, tmp_path, capsys):
    path = write_file(tmp_path, [GOOD_ARTICLE, "{not json"])
    call_command("import_content", path, "--site", COUNTY_A_HOST, "--allow-partial")
    out = capsys.readouterr().out
    assert "第2行：JSON 格式错误" in out and "已导入 1 条" in out


def test_imported_pages_are_found_by_search_and_have_a_history(
    cluster, orgs, tmp_path, django_capture_on_commit_callbacks
):
    path = write_file(tmp_path, [GOOD_DISCLOSURE, GOOD_ARTICLE])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_content", path, "--site", COUNTY_A_HOST)
    disclosure = DisclosurePage.objects.get()
    article = ArticlePage.objects.get()
    for page in (disclosure, article):
        assert page.live and page.live_revision_id is not None
        assert page.revisions.count() == 1
    # The old system's publication date is kept, not the import's.
    assert disclosure.first_published_at.isoformat() == "2025-03-05T02:00:00+00:00"
    assert set(IndexEntry.objects.values_list("page_id", flat=True)) == {
        disclosure.pk,
        article.pk,
    }
    response = host_client(COUNTY_A_HOST).get("/search/", {"q": "集体经营性建设用地"})
    assert disclosure.url_path.split("/", 2)[2] in response.content.decode()
    response = host_client(COUNTY_A_HOST).get("/api/search/", {"q": "春季农业生产"})
    assert [hit["title"] for hit in response.json()["results"]] == [article.title]
