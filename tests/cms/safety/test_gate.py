"""The content-safety gate on every path to publication: publish_page, a plain revision publish,
the admin's 发布 and 提交审核 (findings on the field, with position and excerpt), a workflow
approval (a message, not a 500), imports (per record), message-board replies; and the override
a moderator records, which an auditor exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cms.core.publication_gates import PublicationRefused
from cms.core.publishing import publish_page
from cms.interaction import workflow
from cms.interaction.models import Message
from cms.pages.models import ArticlePage
from cms.safety.check import check_page
from cms.safety.gate import open_findings
from cms.safety.models import SafetyOverride
from cms.safety.overrides import record_overrides
from tests.conftest import COUNTY_A_HOST, host_client

ADMIN_HOST = "www.localhost"
ID_CARD = "610921198506123413"


@pytest.fixture
def column(cluster):
    return cluster.column(cluster.county_a, "gzdt")


@pytest.fixture
def moderator(cluster, make_user):
    return make_user("safety_mod", groups=[cluster.county_a.moderators_group])


@pytest.fixture
def editor(cluster, make_user):
    return make_user("safety_ed", groups=[cluster.county_a.editors_group])


def draftail(text: str) -> str:
    return json.dumps(
        {
            "blocks": [
                {"key": "a", "type": "unstyled", "text": text, "depth": 0,
                 "inlineStyleRanges": [], "entityRanges": []}
            ],
            "entityMap": {},
        },
        ensure_ascii=False,
    )  # fmt: skip


def edit_data(article: ArticlePage, body: str, **extra) -> dict:
    return {
        "title": article.title,
        "slug": article.slug,
        "source": "",
        "author": "",
        "keywords": "",
        "summary": "",
        "body": draftail(body),
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        **extra,
    }


def test_publish_page_refuses_a_misspelt_term_and_an_id_number_with_their_positions(column):
    body = f"<p>中华人名共和国公民张三，身份证号{ID_CARD}。</p>"
    with pytest.raises(PublicationRefused) as refused:
        publish_page(ArticlePage(title="县攻府通知", body=body), parent=column)
    found = {(f.field, f.position, f.excerpt) for f in refused.value.findings}
    assert found == {("title", 1, "攻府"), ("body", 0, "中华人名共和国"), ("body", 16, ID_CARD)}
    message = str(refused.value)
    assert "标题第2字处：“攻府”应为“政府”" in message
    assert "正文第1字处：“中华人名共和国”应为“中华人民共和国”（国名）" in message
    assert "正文第17字处：未脱敏的居民身份证号" in message
    assert not ArticlePage.objects.filter(title="县攻府通知").exists()


def test_list_terms_and_words_are_found_and_a_list_change_rebuilds_the_matcher(
    column, leader_term, banned_word
):
    page = ArticlePage(title="通知", body="<p>长河市市长王明元出席。</p>")
    [finding] = check_page(page)
    assert (finding.kind, finding.matched, finding.suggestion) == (
        "protected", "长河市市长王明元", "改为“长河市市长王明远”"
    )  # fmt: skip
    leader_term.active = False
    leader_term.save()
    assert check_page(page) == []
    page.body = "<p>远离博彩平台。</p>"
    [finding] = check_page(page)
    assert finding.kind == "sensitive" and not finding.overridable
    # Correct forms are never reported; landlines are not mobiles.
    page.body = "<p>中华人民共和国长河市人民政府，电话0917-3210000。</p>"
    assert check_page(page) == []


def test_a_plain_revision_publish_is_refused_and_an_override_lets_it_through(column, moderator):
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    page.body = "<p>原文“攻府”系笔误，特此更正。</p>"
    revision = page.save_revision()
    with pytest.raises(PublicationRefused):
        revision.publish()
    findings = check_page(revision.as_object())
    record_overrides(page, revision, findings, user=moderator, reason="更正说明引用原错误写法")
    revision.publish(user=moderator)
    page.refresh_from_db()
    assert "攻府" in page.body and page.live
    override = SafetyOverride.objects.get()
    assert (override.revision_id, override.matched, override.user_name) == (
        revision.pk, "攻府", "safety_mod"
    )  # fmt: skip


def test_the_admin_shows_findings_on_the_field_and_publishes_nothing(column, moderator):
    article = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    client = host_client(ADMIN_HOST, moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    text = f"请张三（身份证{ID_CARD}）到县攻府领取。"
    response = client.post(edit_url, edit_data(article, text, **{"action-publish": "1"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "正文第8字处：未脱敏的居民身份证号" in html
    assert "正文第29字处：“攻府”应为“政府”" in html
    article.refresh_from_db()
    assert article.body == "<p>县政府通知</p>"  # nothing published

    # Saving a draft is allowed, with the findings as a warning.
    response = client.post(edit_url, edit_data(article, text), follow=True)
    assert "内容安全检查发现 2 处问题" in response.content.decode()

    # The moderator overrides the misspelling only; the ID number still blocks.
    check_url = reverse("safety_page_check", args=[article.pk])
    page = client.get(check_url).content.decode()
    assert "第29字" in page and "待处理" in page
    response = client.post(check_url, {"findings": ["1"], "reason": "引用原文"})
    assert response.status_code == 302
    response = client.post(edit_url, edit_data(article, text, **{"action-publish": "1"}))
    html = response.content.decode()
    assert response.status_code == 200 and "居民身份证号" in html and "“攻府”应为" not in html

    fixed = "请张三（身份证6109**********3413）到县攻府领取。"
    response = client.post(edit_url, edit_data(article, fixed, **{"action-publish": "1"}))
    assert response.status_code == 302
    article.refresh_from_db()
    assert "县攻府领取" in article.body


def test_submit_for_review_is_checked_and_an_approval_refused_shows_a_message(
    column, editor, moderator
):
    article = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    editor_client = host_client(ADMIN_HOST, editor)
    data = edit_data(article, "联系人手机13912345678。", **{"action-submit": "1"})
    response = editor_client.post(edit_url, data)
    assert (
        response.status_code == 200 and "正文第6字处：未脱敏的手机号码" in response.content.decode()
    )
    assert article.current_workflow_state is None

    # A submission that reached review before the list changed is refused at approval.
    response = editor_client.post(
        edit_url, edit_data(article, "县人民政府通知。", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    from fixtures.factories import ProtectedTermFactory

    ProtectedTermFactory(correct="县人民政府通知书", wrong_forms="县人民政府通知。")
    article.refresh_from_db()
    task_state = article.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    client = host_client(ADMIN_HOST, moderator)
    response = client.post(url, {"comment": ""}, HTTP_REFERER=f"http://{ADMIN_HOST}/admin/")
    assert response.status_code in (200, 302)
    assert response.status_code != 500
    article.refresh_from_db()
    assert article.body == "<p>县政府通知</p>"
    assert article.current_workflow_state is not None  # the approval was rolled back
    followed = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "未能发布" in followed and "应为“县人民政府通知书”" in followed


def test_the_auditor_exports_the_override_record(column, moderator, make_user):
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    page.body = "<p>更正：原文“攻府”应为“政府”。</p>"
    revision = page.save_revision()
    record_overrides(page, revision, check_page(page), user=moderator, reason="更正说明")
    auditor = make_user("auditor", groups=[Group.objects.get(name="审计员")])
    client = host_client(ADMIN_HOST, auditor)
    index = client.get("/admin/safety/overrides/")
    assert index.status_code == 200 and "更正说明" in index.content.decode()
    response = client.get("/admin/safety/overrides/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["豁免时间", "操作人", "页面"]
    assert rows[1][1:3] == ["safety_mod", "通知"] and "攻府" in rows[1] and "更正说明" in rows[1]
    assert str(revision.pk) in rows[1]
    response = client.get("/admin/safety/overrides/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(2, 13).value == "更正说明"
    # The record cannot be changed from the admin, and an editor cannot read it.
    override = SafetyOverride.objects.get()
    assert client.get(f"/admin/safety/overrides/edit/{override.pk}/").status_code in (302, 403)
    editor = make_user("plain_editor")
    assert host_client(ADMIN_HOST, editor).get("/admin/safety/overrides/").status_code != 200


def test_an_editor_may_not_override(column, editor):
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    page.body = "<p>县攻府</p>"
    page.save_revision()
    client = host_client(ADMIN_HOST, editor)
    url = reverse("safety_page_check", args=[page.pk])
    assert "审核人员记录豁免" in client.get(url).content.decode()
    assert client.post(url, {"findings": ["0"], "reason": "x"}).status_code in (302, 403)
    assert not SafetyOverride.objects.exists()


def test_an_import_reports_each_refused_record(cluster, tmp_path, capsys):
    records = [
        {
            "source_id": "s-1",
            "column": "gzdt",
            "title": "县政府召开会议",
            "body": "<p>会议召开。</p>",
        },
        {"source_id": "s-2", "column": "gzdt", "title": "县攻府通知", "body": "<p>通知。</p>"},
        {"source_id": "s-3", "column": "gzdt", "title": "公示", "body": f"<p>{ID_CARD}</p>"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    call_command("import_content", str(path), "--site", COUNTY_A_HOST, "--allow-partial")
    out = capsys.readouterr().out
    assert "已导入 1 条" in out and "已拒绝 2 条" in out
    assert "第2行（s-2）：未通过发布前检查：内容安全检查：标题第2字处：“攻府”应为“政府”" in out
    assert "第3行（s-3）：未通过发布前检查：内容安全检查：正文第1字处：未脱敏的居民身份证号" in out
    assert ArticlePage.objects.filter(title="县政府召开会议").exists()


def test_a_message_board_reply_passes_the_same_check(cluster, orgs, moderator):
    message = workflow.submit(
        Message(site=cluster.county_a, kind="consult", name="吴建华", phone="13909170002",
                subject="咨询", content="请问办事时间。", is_public=True)
    )  # fmt: skip
    workflow.assign(message, orgs["county_a"], user=moderator)
    workflow.draft_reply(message, user=moderator, body="请联系经办人，手机13909170002。")
    with pytest.raises(workflow.TransitionError, match="答复第10字处：未脱敏的手机号码"):
        workflow.publish_reply(message, user=moderator)
    message.refresh_from_db()
    assert message.status == "reviewing"


def test_the_check_costs_two_queries_at_most(column, leader_term):
    page = publish_page(ArticlePage(title="通知", body="<p>县政府通知</p>"), parent=column)
    page.body = "<p>县攻府通知，长河市市长王明元出席。</p>"
    revision = page.save_revision()
    content = revision.as_object()
    open_findings(content)  # builds the matcher
    with CaptureQueriesContext(connection) as queries:
        findings = open_findings(content)
    assert len(findings) == 2, findings
    assert len(queries) <= 2  # the lists' version, the page's overrides
