"""The public board survives the XSS corpus of the other public forms and random input (no 500),
and publishes the monthly statistics table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.interaction import workflow
from cms.interaction.models import Message
from tests.cms.core.test_sanitize import XSS_VECTORS
from tests.cms.interaction.conftest import BOARD_PATH, message_data, post_message, solve
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db


def test_xss_corpus_is_inert_on_every_public_page(cluster, orgs, boards, make_user, settings):
    settings.JIYUE_MESSAGE_RATE_LIMITS = {
        "submit_ip": (1000, 3600),
        "submit_phone": (1000, 3600),
        "status": (1000, 3600),
    }
    boss = make_user("boss", superuser=True)
    client = host_client(COUNTY_A_HOST)
    for n, vector in enumerate(XSS_VECTORS):
        response = post_message(
            client,
            subject=f"标题{vector}"[:100],
            content=f"留言内容足够长的说明文字{vector}",
            name=f"张{vector}"[:50],
            phone=f"139{n:08d}",
        )
        assert response.status_code in (200, 302), vector
        body = response.content.decode().lower()
        for marker in ("<script>alert", "onerror=alert", "javascript:alert"):
            assert marker not in body
    messages = list(Message.objects.all())
    assert messages
    for message in messages:
        workflow.assign(message, orgs["county_a"], user=boss)
        workflow.draft_reply(message, user=boss, body=f"答复{XSS_VECTORS[0]}")
        workflow.publish_reply(message, user=boss)
    pages = [client.get(BOARD_PATH), client.get(BOARD_PATH, {"q": "<script>alert(1)</script>"})]
    pages += [client.get(f"{BOARD_PATH}{m.pk}/") for m in messages]
    pages += [
        client.post(BOARD_PATH + "status/", {"tracking_code": m.tracking_code, "phone": m.phone})
        for m in messages[:3]
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        # Plain text everywhere: no vector comes back as markup, only escaped; the only
        # scripts on the page are the site's own files.
        for vector in XSS_VECTORS:
            assert vector not in body, (vector, response.request["PATH_INFO"])
        assert body.lower().count("<script") == body.count('<script src="/static/')
        assert "<iframe" not in body.lower() and "<svg" not in body.lower()
    suggest = client.get(BOARD_PATH + "suggest/", {"q": "标题 script"})
    # Data, not markup: served as JSON with nosniff; suggest.js inserts titles as text nodes.
    assert suggest["Content-Type"] == "application/json"
    assert suggest["X-Content-Type-Options"] == "nosniff"
    assert suggest.json()["results"][0]["title"].startswith("标题<")


FIELD_TEXT = st.text(max_size=300)
FORM = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["consult", "suggest", "complaint", "", "x", "咨询"]),
        "subject": FIELD_TEXT,
        "content": FIELD_TEXT,
        "name": FIELD_TEXT,
        "phone": st.text(max_size=30),
        "email": st.text(max_size=60),
        "is_public": st.sampled_from(["0", "1", "", "yes", "\x00"]),
        "challenge_answer": st.text(max_size=12),
        "challenge_token": st.text(max_size=80),
        "tracking_code": st.text(max_size=30),
    },
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=FORM)
def test_fuzzed_form_and_status_never_500(cluster, boards, data):
    client = host_client(COUNTY_A_HOST)
    for path in ("write/", "status/"):
        response = client.post(BOARD_PATH + path, data)
        assert response.status_code < 500, (path, data)
    for params in ({"q": data.get("subject", "")}, {"month": data.get("phone", "")}):
        for path in ("", "suggest/", "stats/"):
            assert client.get(BOARD_PATH + path, params).status_code < 500


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(answer=st.text(max_size=12), content=st.text(min_size=10, max_size=200))
def test_fuzzed_valid_token_never_500(cluster, boards, answer, content):
    client = host_client(COUNTY_A_HOST)
    token = solve(client.get(BOARD_PATH + "write/").content.decode())["challenge_token"]
    data = {**message_data(content=content), "challenge_answer": answer, "challenge_token": token}
    assert client.post(BOARD_PATH + "write/", data).status_code < 500


def test_monthly_statistics_by_organisation(cluster, orgs, boards, make_user):
    boss = make_user("boss", superuser=True)
    tz = timezone.get_current_timezone()

    def filed(day: dt.date, subject: str) -> Message:
        m = Message(
            site=cluster.county_a,
            kind="suggest",
            name="钱多多",
            phone="13900000002",
            subject=subject,
            content="建议在县城增设公共自行车停放点，方便群众绿色出行。",
        )
        return workflow.submit(m, now=dt.datetime.combine(day, dt.time(9), tzinfo=tz))

    def answer(m: Message, org, day: dt.date) -> None:
        at = dt.datetime.combine(day, dt.time(15), tzinfo=tz)
        workflow.assign(m, org, user=boss, now=at)
        workflow.draft_reply(m, user=boss, body="感谢建议，已纳入规划。", now=at)
        workflow.publish_reply(m, user=boss, now=at)

    # 2026-03-02 is a Monday; 10 WD later is 2026-03-16.
    on_time = filed(dt.date(2026, 3, 2), "按期")
    answer(on_time, orgs["county_a"], dt.date(2026, 3, 6))  # 4 WD
    late = filed(dt.date(2026, 3, 2), "超期")
    answer(late, orgs["county_a"], dt.date(2026, 3, 20))  # 14 WD
    edu = filed(dt.date(2026, 3, 10), "教育")
    answer(edu, orgs["county_a_edu"], dt.date(2026, 3, 12))  # 2 WD
    filed(dt.date(2026, 3, 11), "未分办")
    spam = filed(dt.date(2026, 3, 12), "广告")
    workflow.mark_invalid(spam, user=boss, reason="广告")
    filed(dt.date(2026, 4, 1), "下月")

    response = host_client(COUNTY_A_HOST).get(BOARD_PATH + "stats/", {"month": "2026-03"})
    assert response.status_code == 200
    rows = {row.organisation: row for row in response.context["rows"]}
    total = response.context["total"]
    assert (rows["安宁县人民政府"].received, rows["安宁县人民政府"].answered) == (2, 2)
    assert rows["安宁县人民政府"].on_time == 1
    assert rows["安宁县人民政府"].average_workdays == 9.0
    assert rows["安宁县教育局"].average_workdays == 2.0
    assert rows["尚未分办"].received == 1 and rows["尚未分办"].average_workdays is None
    assert (total.received, total.answered, total.on_time) == (4, 3, 2)
    body = response.content.decode()
    assert "2026年3月留言办理情况" in body and "平均答复用时" in body
