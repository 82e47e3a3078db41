"""Deadlines and the state machine: the 20-WD clock across holidays, the 补正 restart, the
consultation pause, fee waits, the single extension, and refusal of every illegal step. Expected
dates were counted by hand on the 2025/2026 schedules (STANDARDS.md §7)."""

import datetime

import pytest

from cms.requests.models import CaseEvent
from cms.requests.table_three import ReplyType
from cms.requests.workflow import TRANSITIONS, Action, State, TransitionError, perform
from tests.cms.requests.conftest import (
    FAR_FUTURE,
    make_document,
    new_case,
    registered_case,
    step,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(cluster, make_user):
    return make_user("head", groups=[cluster.county_a.moderators_group])


@pytest.fixture
def editor(cluster, make_user):
    return make_user("clerk", groups=[cluster.county_a.editors_group])


def test_reply_due_twenty_working_days_after_receipt_across_spring_festival(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 2, 12), editor)
    assert case.state == State.REGISTERED
    assert case.clock_start == D(2026, 2, 12)
    assert case.due_date == D(2026, 3, 18)
    event = case.events.get()
    assert (event.action, event.actor, event.actor_name) == (Action.REGISTER, editor, "clerk")


def test_online_request_clock_starts_when_receipt_is_confirmed(cluster, editor):
    case = new_case(cluster.county_a)
    perform(case, Action.SUBMIT, user=None, on=D(2025, 9, 24), today=FAR_FUTURE)
    case.refresh_from_db()
    assert case.state == State.SUBMITTED and case.due_date is None
    case = step(case, Action.CONFIRM_RECEIPT, D(2025, 9, 25), editor)
    assert case.received_date == D(2025, 9, 25)
    assert case.due_date == D(2025, 10, 29)  # across 国庆+中秋 2025


def test_correction_restarts_the_clock_from_the_corrected_request(cluster, editor):
    case = registered_case(cluster.county_a, D(2025, 9, 25), editor)
    case = step(case, Action.REQUEST_CORRECTION, D(2025, 9, 30), editor, note="请写明文号")
    assert case.state == State.AWAITING_CORRECTION
    assert case.due_date is None
    # Default 15 WD to correct: 10/9 … 10/28 (10/11 is a make-up Saturday).
    assert case.wait_until == D(2025, 10, 28)
    case = step(case, Action.RECEIVE_CORRECTION, D(2025, 10, 20), editor)
    assert case.state == State.REGISTERED
    assert case.clock_start == D(2025, 10, 20)
    assert case.due_date == D(2025, 11, 17)
    assert case.received_date == D(2025, 9, 25)  # the annual report still counts the first receipt


def test_correction_notice_later_than_seven_working_days_is_refused(cluster, editor):
    case = registered_case(cluster.county_a, D(2025, 9, 25), editor)
    # 7 WD after 9/25 is 10/11 (make-up Saturday); 10/13 is too late.
    with pytest.raises(TransitionError, match="7个工作日"):
        perform(case, Action.REQUEST_CORRECTION, user=editor, on=D(2025, 10, 13), today=FAR_FUTURE)
    case = step(case, Action.REQUEST_CORRECTION, D(2025, 10, 11), editor, note="请补充")
    assert case.correction_notice_date == D(2025, 10, 11)


def test_only_one_correction_notice(cluster, editor):
    case = registered_case(cluster.county_a, D(2025, 3, 3), editor)
    case = step(case, Action.REQUEST_CORRECTION, D(2025, 3, 4), editor)
    case = step(case, Action.RECEIVE_CORRECTION, D(2025, 3, 6), editor)
    with pytest.raises(TransitionError, match="只能发出一次"):
        perform(case, Action.REQUEST_CORRECTION, user=editor, on=D(2025, 3, 7), today=FAR_FUTURE)


def test_no_correction_in_time_closes_the_case_as_table_three_row_six_one(cluster, editor):
    case = registered_case(cluster.county_a, D(2025, 9, 25), editor)
    case = step(case, Action.REQUEST_CORRECTION, D(2025, 9, 30), editor)
    with pytest.raises(TransitionError, match="尚未届满"):
        perform(case, Action.CORRECTION_LAPSED, user=editor, on=D(2025, 10, 28), today=FAR_FUTURE)
    with pytest.raises(TransitionError, match="补正期限已于2025-10-28届满"):
        perform(case, Action.RECEIVE_CORRECTION, user=editor, on=D(2025, 10, 29), today=FAR_FUTURE)
    case = step(case, Action.CORRECTION_LAPSED, D(2025, 10, 29), editor)
    assert case.state == State.CLOSED
    assert case.reply_type == ReplyType.OTHER_NO_CORRECTION
    assert case.closed_date == D(2025, 10, 29)


def test_consultation_pause_is_excluded_from_the_clock(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 9, 24), editor)
    assert case.due_date == D(2026, 10, 29)
    case = step(case, Action.START_CONSULTATION, D(2026, 9, 28), editor, consulted="某公司")
    assert case.state == State.CONSULTING
    # 15 WD: 9/29, 9/30, 10/8, 10/9, 10/10 (make-up), then 10/12 … 10/23.
    assert case.wait_until == D(2026, 10, 23)
    # 9/29, 9/30, 10/8, 10/9, 10/10 (make-up), 10/12: six working days paused.
    case = step(case, Action.END_CONSULTATION, D(2026, 10, 12), editor)
    assert case.paused_workdays == 6
    assert case.due_date == D(2026, 11, 6)


def test_consultation_pause_counts_at_most_fifteen_working_days(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 9, 24), editor)
    case = step(case, Action.START_CONSULTATION, D(2026, 9, 28), editor, consulted="某公司")
    case = step(case, Action.END_CONSULTATION, D(2026, 11, 20), editor)
    assert case.paused_workdays == 15
    assert case.due_date == D(2026, 11, 19)


def test_consultation_needs_the_consulted_party(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 9, 24), editor)
    with pytest.raises(TransitionError, match="征求意见的第三方"):
        perform(case, Action.START_CONSULTATION, user=editor, on=D(2026, 9, 28), today=FAR_FUTURE)


def test_one_extension_of_at_most_twenty_working_days_by_a_moderator(cluster, editor, moderator):
    case = registered_case(cluster.county_a, D(2025, 1, 27), editor)
    assert case.due_date == D(2025, 3, 3)
    extend = {"days": 20, "approver": "王建国", "reason": "涉及多个部门"}
    with pytest.raises(TransitionError, match="审核组"):
        perform(case, Action.EXTEND, user=editor, on=D(2025, 2, 20), today=FAR_FUTURE, **extend)
    with pytest.raises(TransitionError, match="1至20"):
        perform(
            case,
            Action.EXTEND,
            user=moderator,
            on=D(2025, 2, 20),
            today=FAR_FUTURE,
            **{**extend, "days": 21},
        )
    with pytest.raises(TransitionError, match="批准人"):
        perform(
            case,
            Action.EXTEND,
            user=moderator,
            on=D(2025, 2, 20),
            today=FAR_FUTURE,
            **{**extend, "approver": " "},
        )
    notice = [("extension_notice", make_document("延期答复告知书"))]
    case = step(case, Action.EXTEND, D(2025, 2, 20), moderator, documents=notice, **extend)
    assert case.due_date == D(2025, 3, 31)
    assert case.extension_notice_date == D(2025, 2, 20)
    assert case.extension_approver == "王建国"
    assert case.events.last().data["approver"] == "王建国"
    with pytest.raises(TransitionError, match="只能延长一次"):
        perform(
            case,
            Action.EXTEND,
            user=moderator,
            on=D(2025, 2, 21),
            today=FAR_FUTURE,
            documents=notice,
            **extend,
        )


def test_extension_after_the_deadline_is_refused(cluster, moderator):
    case = registered_case(cluster.county_a, D(2025, 1, 27), moderator)
    with pytest.raises(TransitionError, match="不能再延期"):
        perform(
            case,
            Action.EXTEND,
            user=moderator,
            on=D(2025, 3, 4),
            today=FAR_FUTURE,
            days=10,
            approver="王建国",
            reason="迟了",
        )


def test_fee_notice_pauses_the_clock_until_payment(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 2, 12), editor)
    case = step(case, Action.REQUEST_FEE, D(2026, 2, 24), editor, fee_method="per_page", pages=120)
    assert case.state == State.AWAITING_PAYMENT
    assert case.fee_amount == 1100  # 70 pages × 10元 + 20 pages × 20元
    # Paid 3/3: 2/25, 2/26, 2/27, 2/28 (make-up), 3/2, 3/3 = 6 WD not counted.
    case = step(case, Action.RECEIVE_PAYMENT, D(2026, 3, 3), editor)
    assert case.paused_workdays == 6
    assert case.due_date == D(2026, 3, 26)


def test_fee_notice_for_a_free_request_is_refused(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 2, 12), editor)
    with pytest.raises(TransitionError, match="无需收费"):
        perform(
            case,
            Action.REQUEST_FEE,
            user=editor,
            on=D(2026, 2, 24),
            today=FAR_FUTURE,
            fee_method="per_page",
            pages=30,
        )


def test_per_request_fee_counts_the_applicants_requests_in_the_month(cluster, editor):
    cases = [registered_case(cluster.county_a, D(2026, 3, 2 + i % 5), editor) for i in range(11)]
    eleventh = max(cases, key=lambda c: (c.received_date, c.pk))
    assert eleventh.applicant_monthly_ordinal() == 11
    other = registered_case(cluster.county_a, D(2026, 3, 9), editor, id_number="440308199901010012")
    assert other.applicant_monthly_ordinal() == 1
    case = step(eleventh, Action.REQUEST_FEE, D(2026, 3, 10), editor, fee_method="per_request")
    assert case.fee_amount == 100


def test_answer_needs_a_reply_type_and_a_reply_document(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 3, 2), editor)
    with pytest.raises(TransitionError, match="答复书"):
        perform(
            case,
            Action.ANSWER,
            user=editor,
            on=D(2026, 3, 20),
            today=FAR_FUTURE,
            reply_type=ReplyType.DISCLOSED,
        )
    with pytest.raises(TransitionError, match="答复类型"):
        perform(
            case,
            Action.ANSWER,
            user=editor,
            on=D(2026, 3, 20),
            today=FAR_FUTURE,
            reply_type=ReplyType.OTHER_UNPAID,
            documents=[("reply", make_document())],
        )
    case = step(
        case,
        Action.ANSWER,
        D(2026, 3, 20),
        editor,
        reply_type=ReplyType.WITHHELD_THIRD_PARTY,
        documents=[("reply", make_document())],
    )
    assert case.state == State.ANSWERED
    assert case.closed_date == D(2026, 3, 20)
    assert case.documents.get().event == case.events.last()


@pytest.mark.parametrize(
    ("state_steps", "action"),
    [
        ([], Action.ANSWER),  # still SUBMITTED
        ([], Action.REQUEST_CORRECTION),
        ([Action.CONFIRM_RECEIPT], Action.RECEIVE_CORRECTION),
        ([Action.CONFIRM_RECEIPT], Action.END_CONSULTATION),
        ([Action.CONFIRM_RECEIPT], Action.CONFIRM_RECEIPT),
        ([Action.CONFIRM_RECEIPT, Action.WITHDRAW], Action.ANSWER),
        ([Action.CONFIRM_RECEIPT, Action.WITHDRAW], Action.WITHDRAW),
    ],
)
def test_illegal_transitions_are_refused_in_chinese_and_write_nothing(
    cluster, editor, state_steps, action
):
    case = new_case(cluster.county_a)
    perform(case, Action.SUBMIT, user=None, on=D(2026, 3, 2), today=FAR_FUTURE)
    for s in state_steps:
        case = step(case, s, D(2026, 3, 3), editor)
    before = (case.state, CaseEvent.objects.filter(case=case).count())
    with pytest.raises(TransitionError, match="不能执行"):
        perform(
            case,
            action,
            user=editor,
            on=D(2026, 3, 4),
            today=FAR_FUTURE,
            reply_type=ReplyType.DISCLOSED,
            documents=[("reply", make_document())],
        )
    case.refresh_from_db()
    assert (case.state, CaseEvent.objects.filter(case=case).count()) == before


def test_every_open_state_can_be_withdrawn_and_final_states_cannot_move():
    sources = {source for (_, source) in TRANSITIONS}
    assert State.ANSWERED not in sources and State.CLOSED not in sources
    for state in (State.SUBMITTED, State.REGISTERED, State.AWAITING_CORRECTION, State.CONSULTING):
        assert TRANSITIONS[(Action.WITHDRAW, state)] == State.CLOSED


def test_dates_in_the_future_or_before_the_previous_step_are_refused(cluster, editor):
    case = registered_case(cluster.county_a, D(2026, 3, 2), editor)
    with pytest.raises(TransitionError, match="不能晚于今天"):
        perform(case, Action.WITHDRAW, user=editor, on=D(2026, 3, 10), today=D(2026, 3, 9))
    with pytest.raises(TransitionError, match="不能早于上一步骤"):
        perform(case, Action.WITHDRAW, user=editor, on=D(2026, 3, 1), today=FAR_FUTURE)
