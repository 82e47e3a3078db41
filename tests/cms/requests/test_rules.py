"""Request rules through the admin case view: one fee notice per request and an explicit, logged
更正 that keeps the first amount; the extension's notice to the applicant (条例 第三十三条); late
replies recorded with a reason, flagged in the list and counted in the summary; a reasonable
later deadline for large or repeated requests (第三十五条); and the 第三十六条 particulars of a
reply as fields."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.requests.models import RequestCase
from cms.requests.table_three import ReplyType
from cms.requests.workflow import Action, State, TransitionError, perform
from tests.cms.requests.conftest import FAR_FUTURE, make_document, notice, registered_case, step
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
D = datetime.date
INDEX = "/admin/yisqgk/"


@pytest.fixture
def staff(cluster, make_user):
    return {
        "editor": make_user("city_editor", groups=[cluster.city.editors_group]),
        "head": make_user("city_head", groups=[cluster.city.moderators_group]),
        "b_editor": make_user("b_editor", groups=[cluster.county_b.editors_group]),
    }


def pdf(name="doc.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n")


def post(user, case, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return host_client(CITY_HOST, user).post(f"{INDEX}{case.pk}/", data)


# --- fees: one notice, one method, an explicit 更正 ------------------------------------------


def test_second_fee_notice_after_payment_is_refused(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 2, 12), staff["editor"])
    case = step(case, Action.REQUEST_FEE, D(2026, 2, 24), fee_method="per_page", pages=120)
    case = step(case, Action.RECEIVE_PAYMENT, D(2026, 3, 3))
    assert case.state == State.REGISTERED
    # Neither the same method again nor the other one.
    response = post(
        staff["editor"], case, Action.REQUEST_FEE, on="2026-03-04", fee_method="per_page", pages=250
    )
    assert response.status_code == 200
    assert "每件申请只能发出一次收费通知、采用一种收费方式" in response.content.decode()
    with pytest.raises(TransitionError, match="只能发出一次收费通知"):
        perform(
            case, Action.REQUEST_FEE, user=None, on=D(2026, 3, 4), today=FAR_FUTURE,
            fee_method="per_request",
        )  # fmt: skip
    case.refresh_from_db()
    assert (case.fee_method, case.fee_amount, case.state) == ("per_page", 1100, State.REGISTERED)


def test_fee_correction_is_logged_and_keeps_the_first_amount(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 2, 12), staff["editor"])
    case = step(case, Action.REQUEST_FEE, D(2026, 2, 24), fee_method="per_page", pages=120)
    response = post(staff["editor"], case, Action.CORRECT_FEE, on="2026-02-25", pages=100)
    assert "请写明更正收费通知的理由。" in response.content.decode()
    response = post(
        staff["editor"], case, Action.CORRECT_FEE, on="2026-02-25", pages=100,
        reason="页数统计有误，实际为100页。", document=pdf(),
    )  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.fee_amount, case.fee_corrected_amount, case.fee_due) == (1100, 700, 700)
    event = case.events.last()
    assert event.action == Action.CORRECT_FEE and event.actor == staff["editor"]
    assert (event.data["first_amount"], event.data["amount"]) == ("1100.00", "700")
    assert case.documents.get(event=event).kind == "fee_correction_notice"
    body = host_client(CITY_HOST, staff["editor"]).get(f"{INDEX}{case.pk}/").content.decode()
    assert "1100.00 元（按量计收），已更正为 700.00 元" in body


# --- 条例 第三十三条: the extension is told to the applicant ---------------------------------


def test_extension_requires_the_notice_to_the_applicant(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2025, 1, 27), staff["editor"])
    fields = {"on": "2025-02-20", "days": "20", "approver": "王建国", "reason": "涉及多个部门"}
    response = post(staff["head"], case, Action.EXTEND, **fields)
    assert response.status_code == 200
    assert "请上传延期答复告知书。" in response.content.decode()
    with pytest.raises(TransitionError, match="应当告知申请人"):
        perform(
            case, Action.EXTEND, user=staff["head"], on=D(2025, 2, 20), today=FAR_FUTURE,
            days=20, approver="王建国", reason="涉及多个部门",
        )  # fmt: skip
    case.refresh_from_db()
    assert case.extension_days == 0
    response = post(staff["head"], case, Action.EXTEND, **fields, document=pdf())
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.extension_days, case.extension_notice_date) == (20, D(2025, 2, 20))
    assert case.documents.get().kind == "extension_notice"


# --- late replies ---------------------------------------------------------------------------


def test_late_reply_needs_a_reason_is_flagged_and_counted(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 3, 2), staff["editor"])
    on_time = registered_case(cluster.city, D(2026, 3, 2), staff["editor"], phone="13811112222")
    assert case.due_date == D(2026, 3, 30)
    answer = {"on": "2026-04-02", "reply_type": ReplyType.DISCLOSED}
    response = post(staff["editor"], case, Action.ANSWER, **answer, document=pdf())
    assert response.status_code == 200
    assert "答复期限已于2026-03-30届满，逾期答复须写明逾期原因。" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.REGISTERED
    response = post(
        staff["editor"], case, Action.ANSWER, **answer, document=pdf(),
        late_reason="征求意见未及时办理暂停计时。",
    )  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.answered_late, case.late_reason) == (True, "征求意见未及时办理暂停计时。")
    assert case.events.last().data["late"] is True
    step(
        on_time, Action.ANSWER, D(2026, 3, 20),
        reply_type=ReplyType.DISCLOSED, documents=[("reply", make_document())],
    )  # fmt: skip
    client = host_client(CITY_HOST, staff["editor"])
    listing = client.get(INDEX, {"flag": "late"}).content.decode()
    assert case.tracking_code in listing and on_time.tracking_code not in listing
    assert "逾期答复" in listing
    summary = client.get(f"{INDEX}summary/", {"year": "2026"}).content.decode()
    gov_row = summary.split(f'<th scope="row">{cluster.city.sponsor}</th>')[1].split("</tr>")[0]
    # 本年新收 2, 上年结转 0, 本年办结 2, 结转 0, 逾期答复 1.
    assert gov_row.startswith("<td>2</td><td>0</td><td>2</td><td>0</td><td>1</td>")


def test_summary_lists_each_agency_of_the_users_sites_only(cluster, agencies, staff):
    registered_case(cluster.city, D(2026, 3, 2), organisation=agencies["finance"])
    registered_case(cluster.county_b, D(2026, 3, 2))
    body = (
        host_client(CITY_HOST, staff["editor"]).get(f"{INDEX}summary/?year=2026").content.decode()
    )
    for name in (cluster.city.sponsor, "长河市发展和改革委员会", "长河市财政局", "合计"):
        assert f'<th scope="row">{name}</th>' in body
    assert cluster.county_b.sponsor not in body
    finance = body.split('<th scope="row">长河市财政局</th>')[1].split("</tr>")[0]
    assert finance.startswith("<td>1</td>")
    assert host_client(CITY_HOST, staff["b_editor"]).get(f"{INDEX}summary/").status_code == 200


# --- 条例 第三十五条: a reasonable later deadline --------------------------------------------


def test_later_deadline_for_large_requests_with_reason_and_notice(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 3, 2), staff["editor"])
    fields = {"on": "2026-03-10", "deadline": "2026-04-30"}
    response = post(
        staff["editor"],
        case,
        Action.SET_LATER_DEADLINE,
        **fields,
        reason="一次申请120项",
        document=pdf(),
    )
    assert "须由本站审核组" in response.content.decode()  # the office head decides
    response = post(staff["head"], case, Action.SET_LATER_DEADLINE, **fields)
    body = response.content.decode()
    assert "请上传延迟答复告知书。" in body
    assert "请写明申请数量、频次明显超过合理范围的情况和延迟答复的理由。" in body
    response = post(
        staff["head"], case, Action.SET_LATER_DEADLINE, on="2026-03-10", deadline="2026-03-20",
        reason="一次申请120项", document=pdf(),
    )  # fmt: skip
    assert "延迟答复的期限应晚于当前答复期限（2026-03-30）" in response.content.decode()
    response = post(
        staff["head"], case, Action.SET_LATER_DEADLINE, **fields,
        reason="同一申请人一个月内申请120项，需逐项检索。", document=pdf(),
    )  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.later_due_date, case.due_date) == (D(2026, 4, 30), D(2026, 4, 30))
    assert case.documents.get().kind == "later_deadline_notice"
    # A later pause keeps the later deadline as the floor.
    case = step(case, Action.START_CONSULTATION, D(2026, 3, 12), consulted="某公司")
    case = step(case, Action.END_CONSULTATION, D(2026, 3, 16))
    assert case.due_date == D(2026, 4, 30)


def test_later_deadline_must_stay_reasonable(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 3, 2), staff["head"])
    with pytest.raises(TransitionError, match="合理范围内"):
        perform(
            case, Action.SET_LATER_DEADLINE, user=staff["head"], on=D(2026, 3, 10),
            today=FAR_FUTURE, deadline=D(2027, 3, 1), reason="大量申请",
            documents=notice("later_deadline_notice"),
        )  # fmt: skip


# --- 条例 第三十六条 particulars ---------------------------------------------------------------


def test_already_public_reply_records_where_with_a_link(cluster, agencies, staff):
    case = registered_case(cluster.city, D(2026, 3, 2), staff["editor"])
    base = {"on": "2026-03-10", "reply_particular": "already_public"}
    response = post(
        staff["editor"],
        case,
        Action.ANSWER,
        **base,
        reply_type=ReplyType.PARTLY_DISCLOSED,
        document=pdf(),
    )
    body = response.content.decode()
    assert "须告知申请人获取该信息的方式和途径" in body
    assert "请填写已公开信息的网址链接。" in body
    assert "计入“（一）予以公开”" in body
    response = post(
        staff["editor"], case, Action.ANSWER, **base, reply_type=ReplyType.DISCLOSED,
        public_location="长河市人民政府门户网站“政务公开 › 财政预决算”栏目",
        public_url="not a url", document=pdf(),
    )  # fmt: skip
    assert "请输入以 http:// 或 https:// 开头的完整网址。" in response.content.decode()
    response = post(
        staff["editor"], case, Action.ANSWER, **base, reply_type=ReplyType.DISCLOSED,
        public_location="长河市人民政府门户网站“政务公开 › 财政预决算”栏目",
        public_url="http://www.localhost/zwgk/czyjs/", document=pdf(),
    )  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.reply_particular, case.public_url) == (
        "already_public",
        "http://www.localhost/zwgk/czyjs/",
    )


def test_other_agency_reply_names_the_agency_chosen_or_typed(cluster, agencies, staff):
    first = registered_case(cluster.city, D(2026, 3, 2), staff["editor"])
    second = registered_case(cluster.city, D(2026, 3, 2), staff["editor"], phone="13811112222")
    base = {"on": "2026-03-10", "reply_particular": "other_agency", "document": pdf()}
    response = post(
        staff["editor"], first, Action.ANSWER, **base, reply_type=ReplyType.UNAVAILABLE_NOT_HELD
    )
    assert "须告知负责公开该信息的机关" in response.content.decode()
    response = post(
        staff["editor"], first, Action.ANSWER, **{**base, "document": pdf()},
        reply_type=ReplyType.UNAVAILABLE_NOT_HELD, holding_organisation=agencies["gov"].pk,
    )  # fmt: skip
    assert "负责公开的机关不能是本机关。" in response.content.decode()
    # Chosen from the cluster's organisations (another site's agency is fine).
    response = post(
        staff["editor"], first, Action.ANSWER, **{**base, "document": pdf()},
        reply_type=ReplyType.UNAVAILABLE_NOT_HELD, holding_organisation=agencies["county_b"].pk,
    )  # fmt: skip
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.reply_particular, first.holding_organisation) == (
        "other_agency",
        agencies["county_b"],
    )
    # Or typed, with its contact.
    response = post(
        staff["editor"], second, Action.ANSWER, **{**base, "document": pdf()},
        reply_type=ReplyType.UNAVAILABLE_NOT_HELD, holding_agency_name="长河市税务局",
        holding_agency_contact="0917-12366",
    )  # fmt: skip
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.holding_agency, second.holding_agency_contact) == ("长河市税务局", "0917-12366")
    assert RequestCase.objects.filter(reply_particular="other_agency").count() == 2
