"""The admin case list and case view over HTTP: site isolation, masking, flags, filters, steps
with who and when, refusals, and staff intake of paper requests."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.requests.models import CaseDocument, RequestCase
from cms.requests.table_three import ReplyType
from cms.requests.workflow import Action, State
from cms.workdays.calendar import add_workdays
from tests.cms.requests.conftest import VALID_ID, applicant_data, registered_case, step
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
INDEX = "/admin/yisqgk/"


@pytest.fixture
def staff(cluster, make_user):
    return {
        "a_editor": make_user("a_editor", groups=[cluster.county_a.editors_group]),
        "a_head": make_user("a_head", groups=[cluster.county_a.moderators_group]),
        "b_editor": make_user("b_editor", groups=[cluster.county_b.editors_group]),
        "root": make_user("root", superuser=True),
    }


@pytest.fixture
def cases(cluster, staff):
    today = timezone.localdate()
    a = registered_case(cluster.county_a, today, staff["a_editor"], applicant_name="安宁申请人")
    b = registered_case(
        cluster.county_b, today, staff["b_editor"], applicant_name="清源申请人", phone="13811112222"
    )
    return a, b


def admin(user):
    return host_client(CITY_HOST, user)


def test_editor_lists_only_own_sites_cases_with_masked_identity(staff, cases):
    a, b = cases
    body = admin(staff["a_editor"]).get(INDEX).content.decode()
    assert a.tracking_code in body and "安宁申请人" in body
    assert b.tracking_code not in body and "清源申请人" not in body
    assert VALID_ID not in body and "110***********002X" in body
    assert "13909170001" not in body and "139****0001" in body


def test_superuser_sees_every_site(staff, cases):
    body = admin(staff["root"]).get(INDEX).content.decode()
    assert all(case.tracking_code in body for case in cases)


def test_editor_of_county_a_cannot_open_county_b_case(staff, cases):
    a, b = cases
    client = admin(staff["a_editor"])
    assert client.get(f"{INDEX}{a.pk}/").status_code == 200
    assert client.get(f"{INDEX}{b.pk}/").status_code == 404
    response = client.post(
        f"{INDEX}{b.pk}/", {"action": Action.WITHDRAW, "withdraw-on": "2026-01-01"}
    )
    assert response.status_code == 404
    b.refresh_from_db()
    assert b.state == State.REGISTERED


def test_users_without_a_site_group_are_refused(make_user, cases):
    outsider = make_user("outsider")
    assert admin(outsider).get(INDEX).status_code in (302, 403)


def test_case_view_shows_full_identity_and_the_trail(staff, cases):
    a, _ = cases
    body = admin(staff["a_editor"]).get(f"{INDEX}{a.pk}/").content.decode()
    assert VALID_ID in body
    assert "登记申请" in body and "a_editor" in body
    assert "发出补正通知" in body  # an allowed next step is offered
    assert "收到补正材料" not in body  # not allowed from 办理中


def test_flags_and_overdue_filter(cluster, staff):
    today = timezone.localdate()
    overdue = registered_case(
        cluster.county_a, today - datetime.timedelta(days=60), staff["a_editor"]
    )
    fresh = registered_case(cluster.county_a, today, staff["a_editor"])
    assert overdue.flags(today) == ["已超期"]
    assert fresh.flags(today) == []
    assert fresh.flags(fresh.due_date + datetime.timedelta(days=1)) == ["已超期"]
    body = admin(staff["a_editor"]).get(INDEX, {"flag": "overdue"}).content.decode()
    assert overdue.tracking_code in body and fresh.tracking_code not in body
    assert "已超期" in body


def test_due_soon_queryset_flag(cluster, staff):
    today = timezone.localdate()
    received = today
    while add_workdays(received, 20) > add_workdays(today, 2):
        received -= datetime.timedelta(days=1)
    soon = registered_case(cluster.county_a, received, staff["a_editor"])
    assert soon.flags(today) == ["3个工作日内到期"]
    assert list(RequestCase.objects.flag_due_soon(today)) == [soon]


def test_staff_record_a_step_with_who_and_when(staff, cases):
    a, _ = cases
    today = timezone.localdate().isoformat()
    response = admin(staff["a_editor"]).post(
        f"{INDEX}{a.pk}/",
        {
            "action": Action.REQUEST_CORRECTION,
            "request_correction-on": today,
            "request_correction-note": "请写明文号。",
            "request_correction-document": SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n"),
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.state == State.AWAITING_CORRECTION
    event = a.events.last()
    assert (event.actor, event.note) == (staff["a_editor"], "请写明文号。")
    document = CaseDocument.objects.get(case=a)
    assert document.kind == "correction_notice"
    assert document.document.collection.name.endswith("依申请公开文书")


def test_refused_step_shows_a_chinese_message_and_changes_nothing(staff, cases):
    a, _ = cases
    client = admin(staff["a_editor"])
    response = client.post(
        f"{INDEX}{a.pk}/",
        {
            "action": Action.EXTEND,
            "extend-on": timezone.localdate().isoformat(),
            "extend-days": "10",
            "extend-approver": "王建国",
            "extend-reason": "复杂",
            "extend-document": SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n"),
        },
    )
    assert response.status_code == 200
    assert "须由本站审核组" in response.content.decode()
    response = client.post(f"{INDEX}{a.pk}/", {"action": Action.RECEIVE_CORRECTION}, follow=True)
    assert "不能执行" in response.content.decode()
    a.refresh_from_db()
    assert (a.state, a.extension_days, a.events.count()) == (State.REGISTERED, 0, 1)


def test_moderator_answers_with_a_reply_document(staff, cases):
    a, _ = cases
    response = admin(staff["a_head"]).post(
        f"{INDEX}{a.pk}/",
        {
            "action": Action.ANSWER,
            "answer-on": timezone.localdate().isoformat(),
            "answer-reply_type": ReplyType.PARTLY_DISCLOSED,
            "answer-document": SimpleUploadedFile("reply.pdf", b"%PDF-1.4\n"),
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.state, a.reply_type) == (State.ANSWERED, ReplyType.PARTLY_DISCLOSED)
    assert a.documents.get().kind == "reply"


def test_answer_without_reply_document_shows_field_error(staff, cases):
    a, _ = cases
    response = admin(staff["a_head"]).post(
        f"{INDEX}{a.pk}/",
        {
            "action": Action.ANSWER,
            "answer-on": timezone.localdate().isoformat(),
            "answer-reply_type": ReplyType.DISCLOSED,
        },
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.state == State.REGISTERED


def test_staff_register_a_paper_request_only_for_their_sites(cluster, staff):
    client = admin(staff["a_editor"])
    assert client.get(f"{INDEX}new/").status_code == 200
    data = {**applicant_data(), "channel": "post", "received_date": "2026-02-12"}
    response = client.post(f"{INDEX}new/", {**data, "site": cluster.county_b.pk})
    assert response.status_code == 200 and not RequestCase.objects.exists()
    response = client.post(f"{INDEX}new/", {**data, "site": cluster.county_a.pk})
    assert response.status_code == 302
    case = RequestCase.objects.get()
    assert (case.site, case.state, case.due_date) == (
        cluster.county_a,
        State.REGISTERED,
        datetime.date(2026, 3, 18),
    )


def test_list_query_count_does_not_grow_with_cases(cluster, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()
    client = admin(staff["a_editor"])

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(INDEX).status_code == 200
        return len(context.captured_queries)

    registered_case(cluster.county_a, today, staff["a_editor"])
    client.get(INDEX)
    few = count_queries()
    for _ in range(14):
        registered_case(cluster.county_a, today, staff["a_editor"])
    assert count_queries() == few


def test_confirming_an_online_request_from_the_case_view(cluster, staff):
    client = host_client("anning.localhost")
    client.post("/yisqgk/", applicant_data())
    case = RequestCase.objects.get()
    response = admin(staff["a_editor"]).post(
        f"{INDEX}{case.pk}/",
        {"action": Action.CONFIRM_RECEIPT, "confirm_receipt-on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    case = step(case, Action.WITHDRAW, timezone.localdate(), staff["a_editor"])
    assert case.state == State.CLOSED and case.received_date == timezone.localdate()
