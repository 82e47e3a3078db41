"""The XSS corpus of the sanitiser tests, typed into the public 政民互动 forms in a real Chromium
(the message board, a consultation and an interview's question form), then read back where the
public sees it: the forms re-rendered with errors (the typed text echoed), the published reply
page and the board list, the consultation receipt and the interview's moderated questions. No
script may run (a `window.__xss` sentinel, a dialog handler), no hostile element or attribute may
reach the DOM, and no response may be a 500."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.interaction import workflow
from cms.interaction.models import Message
from cms.participation.models import (
    ConsultationPage,
    ConsultationQuestion,
    InterviewPage,
    InterviewQuestion,
    ModerationStatus,
    QuestionKind,
)
from tests.browser.axe import BROWSER_TEST_MARKS
from tests.browser.conftest import host_url, page_path
from tests.cms.core.test_sanitize import XSS_VECTORS
from tests.cms.interaction.conftest import solve
from tests.conftest import COUNTY_A_HOST

pytestmark = BROWSER_TEST_MARKS

CORPUS = [*XSS_VECTORS, '<img src=x onerror="window.__xss=1">', '"><script>window.__xss=1</script>']
HOSTILE = (
    "[onerror],[onload],[onclick],[ontoggle],iframe,object,embed,base,"
    "a[href^='javascript' i],a[href^='data:' i],script[src*='evil']"
)
DAY = dt.timedelta(days=1)


def _pages(cluster):
    now = timezone.now()
    consultation = ConsultationPage(
        title="民生实事项目问卷调查",
        slug="zj-xss",
        intro="<p>现面向社会公开征集意见。</p>",
        opens_at=now - DAY,
        closes_at=now + DAY,
        live=False,
    )
    consultation.questions = [
        ConsultationQuestion(
            text="您最关注的民生领域是？", kind=QuestionKind.SINGLE, options="教育\n医疗"
        ),
        ConsultationQuestion(text="其他意见建议", kind=QuestionKind.TEXT, required=False),
    ]
    cluster.column(cluster.county_a, "zjdc").add_child(instance=consultation)
    consultation.save_revision().publish()
    interview = InterviewPage(
        title="优化营商环境在线访谈",
        slug="ft-xss",
        starts_at=now + DAY,
        ends_at=now + DAY + dt.timedelta(hours=2),
        transcript="<p>主持人：欢迎各位网友。</p>",
        live=False,
    )
    cluster.column(cluster.county_a, "zxft").add_child(instance=interview)
    interview.save_revision().publish()
    return consultation, interview


def test_xss_corpus_in_public_forms_never_runs_in_chromium(
    new_page, live_server, cluster, orgs, make_user, settings
):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {
        scope: (10_000, 60)
        for scope in ("submit_ip", "submit_phone", "consultation_ip", "interview_ip")
    }
    consultation, interview = _pages(cluster)
    page = new_page()
    dialogs: list[str] = []
    failures: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None
    )
    page.add_init_script("window.__xss = 0;")

    def assert_inert(what: str) -> None:
        assert page.evaluate("window.__xss") == 0, f"script ran on {what}"
        assert not dialogs, f"dialog on {what}: {dialogs}"
        assert page.locator(HOSTILE).count() == 0, f"hostile markup on {what}"
        assert not failures, failures

    # Message board: a wrong verification answer echoes everything typed, then a real submit.
    board = host_url(live_server, COUNTY_A_HOST, "/hdjl/liuyan/")
    page.goto(board + "write/")
    page.check("[name=kind][value=consult]")
    page.fill("[name=name]", CORPUS[2][:50])
    page.fill("[name=phone]", "13909170001")
    page.fill("[name=subject]", ("标题" + "".join(CORPUS))[:100])
    page.fill("[name=content]", "留言内容：" + "\n".join(CORPUS))
    page.fill("[name=challenge_answer]", "999")
    page.click("main button[type='submit']")
    assert_inert("message form with errors")
    assert page.input_value("[name=content]").startswith("留言内容：<script>")
    page.fill("[name=challenge_answer]", solve(page.content())["challenge_answer"])
    page.click("main button[type='submit']")
    page.wait_for_url("**/submitted/")
    assert_inert("message receipt")

    message = Message.objects.get()
    moderator = make_user("xss_moderator", groups=[cluster.county_a.moderators_group])
    workflow.assign(message, orgs["county_a"], user=moderator)
    workflow.draft_reply(message, user=moderator, body="答复：" + "\n".join(CORPUS))
    workflow.publish_reply(message, user=moderator)
    page.goto(f"{board}{message.pk}/")
    assert "留言内容：" in page.inner_text("main") and "答复：" in page.inner_text("main")
    assert_inert("published reply page")
    page.goto(board)
    assert_inert("answered messages list")

    # Consultation: an invalid mobile echoes the answers, then a valid answer is stored.
    page.goto(host_url(live_server, COUNTY_A_HOST, page_path(consultation)))
    single, text = (f"q{q.pk}" for q in consultation.questions.all())
    page.check(f"[name={single}][value='教育']")
    page.fill(f"[name={text}]", "\n".join(CORPUS))
    page.fill("[name=name]", CORPUS[0][:50])
    page.fill("[name=mobile]", CORPUS[1][:20])
    page.click("main button[type='submit']")
    assert_inert("consultation form with errors")
    page.fill("[name=mobile]", "13909170002")
    page.click("main button[type='submit']")
    page.wait_for_url("**?submitted=1")
    assert "提交成功" in page.inner_text("main")
    assert_inert("consultation receipt")

    # Interview: questions typed with the corpus, shown once approved.
    interview_url = host_url(live_server, COUNTY_A_HOST, page_path(interview))
    for vector in CORPUS[:6]:
        page.goto(interview_url)
        page.fill("[name=nickname]", vector[:30])
        page.fill("[name=content]", f"提问内容：{vector}")
        page.click("main button[type='submit']")
        page.wait_for_url("**?asked=1")
        assert_inert("interview question receipt")
    InterviewQuestion.objects.update(status=ModerationStatus.APPROVED)
    page.goto(interview_url)
    assert page.inner_text("main").count("提问内容：") == 6
    assert_inert("interview page with approved questions")
