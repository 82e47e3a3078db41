"""`manage.py audit_timeliness`: JSON alone on stdout, exit codes for --fail-on, one Chinese line
for an unknown host, CSV and XLSX output."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from cms.workdays.models import CalendarException
from tests.conftest import COUNTY_A_HOST

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("audit_timeliness", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_is_alone_on_stdout(cluster, settings):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""
    out, err = run("--format", "json", "--site", COUNTY_A_HOST)
    payload = json.loads(out)
    assert [s["hostname"] for s in payload["sites"]] == [COUNTY_A_HOST]
    assert payload["sites"][0]["veto"] is True  # a new site: every column is empty
    rules = {f["rule"] for f in payload["findings"]}
    assert "veto_empty_columns" in rules
    assert all(f["admin_url"].startswith("http://testserver/admin/") for f in payload["findings"])
    assert "{" not in err


def test_fail_on_veto_exits_non_zero(cluster):
    with pytest.raises(CommandError) as raised:
        run("--site", COUNTY_A_HOST, "--fail-on", "veto")
    assert raised.value.returncode == 2
    assert "否决" in str(raised.value)


def clean_site(cluster):
    """County A reduced to one column with an article published now: no single-veto item."""
    from wagtail.models import Page

    from cms.pages.models import ColumnPage
    from fixtures.factories import ArticlePageFactory

    news = cluster.column(cluster.county_a, "gzdt")
    for column in ColumnPage.objects.child_of(cluster.county_a.site.root_page).exclude(pk=news.pk):
        Page.objects.get(pk=column.pk).delete()
    article = ArticlePageFactory.build(title="县政府召开常务会议", slug="cwhy", live=False)
    news.add_child(instance=article)
    article.save_revision().publish()


def test_fail_on_veto_passes_a_site_without_veto_and_warning_still_fails(cluster):
    clean_site(cluster)
    out, _ = run("--format", "json", "--site", COUNTY_A_HOST, "--fail-on", "veto")
    payload = json.loads(out)
    assert payload["sites"][0]["veto"] is False
    # From 1 November the missing next-year calendar is a warning (STANDARDS.md §7).
    CalendarException.objects.filter(date__year=timezone.localdate().year + 1).delete()
    if timezone.localdate().month >= 11:
        with pytest.raises(CommandError):
            run("--site", COUNTY_A_HOST, "--fail-on", "warning")


def test_unknown_host_is_one_chinese_line(cluster):
    with pytest.raises(CommandError) as raised:
        run("--site", "nowhere.localhost")
    assert str(raised.value) == "没有主机名为“nowhere.localhost”的网站。"


def test_xlsx_needs_an_output_file(cluster):
    with pytest.raises(CommandError, match="--output"):
        run("--format", "xlsx")


def test_csv_and_xlsx_files(cluster, tmp_path):
    csv_path, xlsx_path = tmp_path / "a.csv", tmp_path / "a.xlsx"
    run("--format", "csv", "--site", COUNTY_A_HOST, "--output", str(csv_path))
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "网站,等级,规则,依据,对象,说明,处理地址,首次发现"
    assert "空白栏目" in text
    run("--format", "xlsx", "--site", COUNTY_A_HOST, "--output", str(xlsx_path))
    sheet = load_workbook(xlsx_path).active
    assert sheet["A1"].value == "网站" and sheet.max_row > 5


def test_record_stores_todays_snapshot(cluster):
    from cms.audit.models import AuditRun

    run("--site", COUNTY_A_HOST, "--record")
    run_row = AuditRun.objects.get(site=cluster.county_a)
    assert run_row.veto and run_row.run_date == timezone.localdate()
    assert run_row.findings.filter(rule_code="veto_empty_columns").exists()
