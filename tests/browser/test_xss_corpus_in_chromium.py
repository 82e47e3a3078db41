"""The XSS corpus (tests/security/xss_corpus.py) submitted through every surface that takes
citizens' or editors' text, then loaded in a real Chromium wherever it is shown again: rich text
published through `publish_page` and through `import_content`, the 依申请公开 form (echoed with
errors, the status page, the moderators' case screen), the message board (echo, receipt, status,
reply page, list, the moderators' message screen), a consultation and an interview, the search
page and its suggest API, and the items of the RSS, Atom and JSON feeds as a feed reader would
render them. Every payload calls `__xss(N)` or `alert(N)` if it runs: neither may happen, no
injected handler or script URL may reach the DOM, and no response may be a 500.

Many payloads share each page (one load per surface) to keep the module fast."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cms.core.publishing import publish_page
from cms.interaction import workflow
from cms.interaction.models import Message
from cms.pages.models import ArticlePage
from cms.participation.models import (
    InterviewQuestion,
    ModerationStatus,
)
from cms.requests.models import RequestCase
from tests.browser.axe import BROWSER_TEST_MARKS
from tests.browser.conftest import host_url, page_path
from tests.cms.interaction.conftest import solve
from tests.cms.requests.conftest import applicant_data
from tests.conftest import COUNTY_A_HOST, host_client
from tests.security.pages import publish_participation_pages
from tests.security.xss_corpus import XSS_PAYLOADS

pytestmark = BROWSER_TEST_MARKS

CORPUS = XSS_PAYLOADS
ALL = "\n".join(CORPUS)
# Defined in every frame before any page script: a payload that runs reports its number to the top.
SENTINEL = "window.__xss = n => { try { (window.top.__fired ||= []).push(n) } catch (e) {} };"
# Injected markup that would run on a click, a hover or a later script: handlers, srcdoc and
# script-scheme URLs carrying a marker.
HOSTILE_JS = """() => {
  const bad = [], marker = /__xss|alert\\(|PHNjcmlwdD5/;
  for (const el of document.querySelectorAll('*')) {
    if (el.tagName === 'SCRIPT' && marker.test(el.textContent)) bad.push('script: ' + el.textContent.slice(0, 60));
    for (const a of el.attributes) {
      if (!marker.test(a.value)) continue;
      const n = a.name.toLowerCase();
      if (n.startsWith('on') || n === 'srcdoc' || n === 'style') bad.push(el.tagName + '[' + n + ']');
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'content'].includes(n)) {
        let scheme = '';
        try { scheme = new URL(a.value, location.href).protocol } catch (e) { continue }
        if (!['http:', 'https:'].includes(scheme)) bad.push(el.tagName + '[' + n + '=' + a.value.slice(0, 40) + ']');
      }
    }
  }
  return bad;
}"""


def _chunks(limit: int) -> list[str]:
    """The corpus packed into strings of at most `limit` characters (for short fields)."""
    chunks, current = [], ""
    for payload in CORPUS:
        if current and len(current) + len(payload) > limit:
            chunks.append(current)
            current = ""
        current += payload[:limit]
    return [*chunks, current]


def _publish_rich_text(cluster, tmp_path: Path) -> list[ArticlePage]:
    column = cluster.column(cluster.county_a, "gzdt")
    direct = publish_page(
        ArticlePage(title=_chunks(200)[0], slug="xss-direct", body=ALL, summary=CORPUS[52]),
        parent=column,
    )
    record = {
        "type": "article",
        "source_id": "xss-1",
        "column": "gzdt",
        "title": _chunks(200)[1],
        "body": ALL,
        "published_at": "2026-05-20T09:00:00+08:00",
    }
    source = tmp_path / "xss.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_content", str(source), "--site", COUNTY_A_HOST)
    return [direct, ArticlePage.objects.live().exclude(pk=direct.pk).latest("pk")]


def _feed_items(client: Client) -> str:
    """The items of the site's feed in all three formats as a reader renders them: the fields
    the formats define as HTML as markup, the plain-text ones (titles, JSON summaries, Atom
    `type="text"`) as text."""
    parts = []
    for item in ET.fromstring(client.get("/feeds/").content).iter("item"):
        parts += [escape(item.findtext("title") or ""), item.findtext("description") or ""]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = ET.fromstring(client.get("/feeds/", {"format": "atom"}).content)
    for entry in atom.findall("a:entry", ns):
        for name in ("title", "summary", "content"):
            node = entry.find(f"a:{name}", ns)
            if node is not None:
                text = node.text or ""
                parts.append(text if node.get("type") in ("html", "xhtml") else escape(text))
    for item in client.get("/feeds/", {"format": "json"}).json()["items"]:
        parts += [escape(item.get("title", "")), item.get("content_html", "")]
        parts.append(escape(item.get("summary", "")))
    html = "".join(f"<article>{part}</article>" for part in parts)
    assert "__xss" in html, "the corpus is not in the feeds"
    return f"<!doctype html><meta charset=utf-8><title>feed reader</title>{html}"


def test_xss_corpus_never_runs_in_chromium(
    new_page, live_server, cluster, orgs, make_user, settings, tmp_path
):
    for name in ("JIYUE_MESSAGE_RATE_LIMITS", "JIYUE_REQUEST_RATE_LIMITS"):
        setattr(settings, name, {scope: (10_000, 60) for scope in getattr(settings, name)})
    assert len(CORPUS) >= 60
    articles = _publish_rich_text(cluster, tmp_path)
    consultation, interview = publish_participation_pages(cluster)
    moderator = make_user("xss_moderator", groups=[cluster.county_a.moderators_group])

    page = new_page()
    dialogs: list[str] = []
    failures: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None
    )
    page.add_init_script(SENTINEL)
    site = host_url(live_server, COUNTY_A_HOST)

    def visit(url: str | None, what: str) -> None:
        if url:
            page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__fired || []") == [], f"script ran on {what}"
        assert not dialogs, f"dialog on {what}: {dialogs}"
        assert page.evaluate(HOSTILE_JS) == [], f"hostile markup on {what}"
        assert not failures, failures

    # Rich text: published from code and imported.
    for article in articles:
        visit(site + page_path(article).lstrip("/"), f"article {article.slug}")
    visit(host_url(live_server, COUNTY_A_HOST, page_path(articles[0].get_parent())), "column list")

    # Search page and suggest API with the corpus as the query.
    for chunk in _chunks(90)[:4]:
        page.goto(site + "search/")
        page.fill("main input[name=q]", chunk)
        page.press("main input[name=q]", "Enter")
        visit(None, "search results")
    page.goto(
        site
        + "api/search/suggest/?q="
        + "".join(CORPUS[:8]).replace("#", "%23").replace("&", "%26")
    )
    visit(None, "suggest API")

    # Feeds, rendered as a reader would.
    feed_html = _feed_items(host_client(COUNTY_A_HOST))
    page.route(
        "http://feeds.test/**",
        lambda route: route.fulfill(body=feed_html, content_type="text/html"),
    )
    visit("http://feeds.test/reader", "feed items")

    # 依申请公开: errors echo what was typed; a filed case on the status page and in the admin.
    page.goto(site + "yisqgk/")
    page.fill("[name=applicant_name]", CORPUS[52][:50])
    page.fill("[name=address]", CORPUS[54][:100])
    page.fill("[name=description]", ALL)
    page.fill("[name=phone]", CORPUS[56][:20])
    page.click("main button[type='submit']")
    visit(None, "request form with errors")
    data = applicant_data(applicant_name=CORPUS[4][:50], address=_chunks(100)[0], description=ALL)
    data["organisation"] = orgs["county_a"].pk  # the county government receives it
    response = host_client(COUNTY_A_HOST).post("/yisqgk/", data)
    assert response.status_code == 302, re.findall(
        r'class="[^"]*(?:error|errorlist)[^"]*"[^>]*>\s*(?:<li>)?([^<]+)', response.content.decode()
    )
    case = RequestCase.objects.get()
    page.goto(site + "yisqgk/status/")
    page.fill("[name=tracking_code]", case.tracking_code)
    page.fill("[name=phone]", case.phone)
    page.click("main button[type='submit']")
    visit(None, "request status page")

    # Message board: echo with a wrong answer, receipt, status, published reply, list.
    board = site + "hdjl/liuyan/"
    page.goto(board + "write/")
    page.check("[name=kind][value=consult]")
    page.fill("[name=name]", CORPUS[2][:50])
    page.fill("[name=phone]", "13909170001")
    page.fill("[name=subject]", _chunks(100)[0])
    page.fill("[name=content]", "留言内容：" + ALL)
    page.fill("[name=challenge_answer]", "999")
    page.click("main button[type='submit']")
    visit(None, "message form with errors")
    page.fill("[name=challenge_answer]", solve(page.content())["challenge_answer"])
    page.click("main button[type='submit']")
    page.wait_for_url("**/submitted/")
    visit(None, "message receipt")
    message = Message.objects.get()
    page.goto(board + "status/")
    page.fill("[name=tracking_code]", message.tracking_code)
    page.fill("[name=phone]", "13909170001")
    page.click("main button[type='submit']")
    visit(None, "message status page")
    workflow.assign(message, orgs["county_a"], user=moderator)
    workflow.draft_reply(message, user=moderator, body="答复：" + ALL)
    workflow.publish_reply(message, user=moderator)
    visit(f"{board}{message.pk}/", "published reply page")
    assert "留言内容：" in page.inner_text("main") and "答复：" in page.inner_text("main")
    visit(board, "answered messages list")

    # Consultation: an invalid mobile echoes the answers, then the receipt.
    page.goto(host_url(live_server, COUNTY_A_HOST, page_path(consultation)))
    single, text = (f"q{q.pk}" for q in consultation.questions.all())
    page.check(f"[name={single}][value='教育']")
    # Under the 2,000-character limit even after the browser sends each line break as CRLF.
    page.fill(f"[name={text}]", ALL[:1500])
    page.fill("[name=name]", CORPUS[0][:50])
    page.fill("[name=mobile]", CORPUS[1][:20])
    page.click("main button[type='submit']")
    visit(None, "consultation form with errors")
    page.fill("[name=mobile]", "13909170002")
    page.click("main button[type='submit']")
    page.wait_for_url("**?submitted=1")
    visit(None, "consultation receipt")

    # Interview: questions carrying the corpus, shown once approved.
    interview_url = host_url(live_server, COUNTY_A_HOST, page_path(interview))
    client = host_client(COUNTY_A_HOST)
    for number, chunk in enumerate(_chunks(480)):
        response = client.post(
            page_path(interview), {"nickname": CORPUS[number][:30], "content": f"提问内容：{chunk}"}
        )
        assert response.status_code == 302, response.content.decode()[:500]
    InterviewQuestion.objects.update(status=ModerationStatus.APPROVED)
    visit(interview_url, "interview page with approved questions")
    assert "提问内容：" in page.inner_text("main")

    # Where moderators read what citizens wrote.
    staff = Client(HTTP_HOST=COUNTY_A_HOST)
    staff.force_login(moderator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": staff.cookies["sessionid"].value, "url": site}]
    )
    visit(site + reverse("interaction_admin:message", args=[message.pk])[1:], "admin message")
    visit(site + reverse("gi_requests_admin:case", args=[case.pk])[1:], "admin request case")
