"""The 依申请公开 case state machine (条例 第二十九条至第四十五条): states, the allowed-transitions
table, the deadline rules and `perform()`, the only way a case changes state. Every step is
written as a CaseEvent with who, when and the legal date it took effect (条例 第四十五条).

Clock: the reply is due 20 WD after the clock start (the receipt date, or the day a corrected
request arrives), plus any extension, plus working days spent in consultation (capped at 15 WD
each) or waiting for a fee; or later, on the reasonable deadline set for a large or repeated
request (条例 第三十五条). Dates are counted by cms.workdays.calendar.

Besides state changes, steps that keep the state are recorded the same way: reassigning the
answering agency (条例 第四条), correcting a fee notice, extending, setting a later deadline."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from cms.requests.fees import FeeMethod, calculate_fee
from cms.requests.replies import particular_errors
from cms.requests.table_three import ReplyType
from cms.workdays.calendar import add_workdays, workdays_between

# 条例 第三十三条: reply within 20 WD of receipt; one extension of at most 20 WD.
REPLY_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20
# 条例 第三十条: the correction notice goes out within 7 WD of receipt, once.
CORRECTION_NOTICE_WORKDAYS = 7
# 条例 第三十二条: third parties answer within 15 WD; that time is not counted.
CONSULTATION_WORKDAYS = 15
# 国办函〔2020〕109号: the applicant pays within 20 WD of the fee notice; not counted either.
PAYMENT_WORKDAYS = 20
# Flag cases whose next deadline is this close (issue 3: "due in 3 WD").
DUE_SOON_WORKDAYS = 3
# Documents a step must carry: 条例 第三十三条 (延期) and 第三十五条 (延迟答复) both require the
# applicant to be told, so the notice is part of the step, as the reply is part of an answer.
EXTENSION_NOTICE_KIND = "extension_notice"
LATER_DEADLINE_NOTICE_KIND = "later_deadline_notice"
REPLY_KIND = "reply"


def later_deadline_max_workdays() -> int:
    """条例 第三十五条 says only 合理期限: the furthest a later deadline may lie beyond the regular
    one, in WD (unconfirmed local practice, configurable)."""
    return int(getattr(settings, "JIYUE_REQUEST_LATER_DEADLINE_MAX_WORKDAYS", 60))


def correction_period_workdays() -> int:
    """How long the applicant has to correct (条例 第三十条 says only 合理期限: configurable)."""
    return int(getattr(settings, "JIYUE_REQUEST_CORRECTION_PERIOD_WORKDAYS", 15))


class State(models.TextChoices):
    SUBMITTED = "submitted", "已提交待确认"
    REGISTERED = "registered", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_PAYMENT = "awaiting_payment", "待缴费"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已终止"


class Action(models.TextChoices):
    SUBMIT = "submit", "网上提交申请"
    REGISTER = "register", "登记申请"
    CONFIRM_RECEIPT = "confirm_receipt", "确认收到网上申请"
    REQUEST_CORRECTION = "request_correction", "发出补正通知"
    RECEIVE_CORRECTION = "receive_correction", "收到补正材料（重新计时）"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正，不再处理"
    START_CONSULTATION = "start_consultation", "征求第三方或其他机关意见（暂停计时）"
    END_CONSULTATION = "end_consultation", "征求意见结束（恢复计时）"
    EXTEND = "extend", "延长答复期限"
    SET_LATER_DEADLINE = "set_later_deadline", "确定延迟答复的合理期限（大量、频繁申请）"
    REASSIGN = "reassign", "改派答复机关"
    REQUEST_FEE = "request_fee", "发出收费通知（暂停计时）"
    CORRECT_FEE = "correct_fee", "更正收费通知"
    RECEIVE_PAYMENT = "receive_payment", "收到缴费（恢复计时）"
    PAYMENT_LAPSED = "payment_lapsed", "逾期未缴费，不再处理"
    ANSWER = "answer", "作出答复"
    WITHDRAW = "withdraw", "申请人撤回申请"


CLOCK_RUNNING = frozenset({State.REGISTERED})
WAITING = frozenset({State.AWAITING_CORRECTION, State.CONSULTING, State.AWAITING_PAYMENT})
OPEN = frozenset({State.SUBMITTED}) | CLOCK_RUNNING | WAITING
FINAL = frozenset({State.ANSWERED, State.CLOSED})

# The allowed transitions: (action, from state) -> to state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str | None], str] = {
    (Action.SUBMIT, None): State.SUBMITTED,
    (Action.REGISTER, None): State.REGISTERED,
    (Action.CONFIRM_RECEIPT, State.SUBMITTED): State.REGISTERED,
    (Action.REQUEST_CORRECTION, State.REGISTERED): State.AWAITING_CORRECTION,
    (Action.RECEIVE_CORRECTION, State.AWAITING_CORRECTION): State.REGISTERED,
    (Action.CORRECTION_LAPSED, State.AWAITING_CORRECTION): State.CLOSED,
    (Action.START_CONSULTATION, State.REGISTERED): State.CONSULTING,
    (Action.END_CONSULTATION, State.CONSULTING): State.REGISTERED,
    (Action.EXTEND, State.REGISTERED): State.REGISTERED,
    (Action.SET_LATER_DEADLINE, State.REGISTERED): State.REGISTERED,
    (Action.REQUEST_FEE, State.REGISTERED): State.AWAITING_PAYMENT,
    (Action.CORRECT_FEE, State.AWAITING_PAYMENT): State.AWAITING_PAYMENT,
    (Action.RECEIVE_PAYMENT, State.AWAITING_PAYMENT): State.REGISTERED,
    (Action.PAYMENT_LAPSED, State.AWAITING_PAYMENT): State.CLOSED,
    (Action.ANSWER, State.REGISTERED): State.ANSWERED,
    **{(Action.WITHDRAW, state): State.CLOSED for state in OPEN},
    **{(Action.REASSIGN, state): state for state in OPEN},
}
# Approving an extension is the office head's decision (条例 第三十三条), and so is a later
# deadline (第三十五条): site moderators only.
MODERATOR_ACTIONS = frozenset({Action.EXTEND, Action.SET_LATER_DEADLINE})
# Reply types set by their own transitions, not chosen in an answer.
AUTOMATIC_REPLY_TYPES = frozenset({ReplyType.OTHER_NO_CORRECTION, ReplyType.OTHER_UNPAID})


class TransitionError(ValidationError):
    """A step the rules do not allow; the message is shown to staff as it is."""


def allowed_actions(state: str) -> list[str]:
    return [action for (action, source) in TRANSITIONS if source == state]


def recompute_due_date(case) -> None:
    if case.clock_start is not None:
        total = REPLY_WORKDAYS + case.extension_days + case.paused_workdays
        case.due_date = add_workdays(case.clock_start, total)
        if case.later_due_date is not None and case.later_due_date > case.due_date:
            case.due_date = case.later_due_date


def _require_document(documents: Iterable, kind: str, message: str) -> None:
    if not any(document_kind == kind for document_kind, _ in documents):
        raise TransitionError(message)


def actor_name(user) -> str:
    if user is None:
        return "申请人"
    return user.get_full_name() or user.get_username()


# --- one handler per action: check the guards, change the case, return what to record ---------


def _assign_default_agency(case) -> None:
    from cms.requests.agencies import default_organisation

    if case.organisation_id is None:
        case.organisation = default_organisation(case.site)
    elif case.organisation.site_id != case.site_id:
        raise TransitionError(f"“{case.organisation}”不是本网站的机关，不能受理本网站的申请。")


def _submit(case, on: datetime.date, **_: Any) -> dict:
    _assign_default_agency(case)
    return {"organisation": case.organisation.name if case.organisation else ""}


def _register(case, on: datetime.date, **_: Any) -> dict:
    if case.state == "":
        _assign_default_agency(case)
    case.received_date = on
    case.clock_start = on
    recompute_due_date(case)
    return {"received_date": on.isoformat()}


def _request_correction(case, on: datetime.date, **_: Any) -> dict:
    if case.correction_notice_date is not None:
        raise TransitionError("补正通知只能发出一次，应一次性告知需要补正的全部事项。")
    latest = add_workdays(case.received_date, CORRECTION_NOTICE_WORKDAYS)
    if on > latest:
        raise TransitionError(
            f"补正通知应在收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内发出"
            f"（最迟{latest:%Y-%m-%d}），已超期。"
        )
    case.correction_notice_date = on
    case.wait_until = add_workdays(on, correction_period_workdays())
    case.due_date = None
    return {"correction_due": case.wait_until.isoformat()}


def _receive_correction(case, on: datetime.date, **_: Any) -> dict:
    if on > case.wait_until:
        raise TransitionError(f"补正期限已于{case.wait_until:%Y-%m-%d}届满，应按“逾期未补正”处理。")
    case.clock_start = on
    case.paused_workdays = 0
    case.wait_until = None
    recompute_due_date(case)
    return {"clock_restarted": on.isoformat()}


def _lapse(case, on: datetime.date, *, reply_type: str, what: str) -> dict:
    if on <= case.wait_until:
        raise TransitionError(f"{what}期限{case.wait_until:%Y-%m-%d}尚未届满，不能按逾期处理。")
    case.wait_until = None
    case.closed_date = on
    case.reply_type = reply_type
    return {"reply_type": reply_type}


def _correction_lapsed(case, on: datetime.date, **_: Any) -> dict:
    return _lapse(case, on, reply_type=ReplyType.OTHER_NO_CORRECTION, what="补正")


def _start_pause(case, on: datetime.date, period: int) -> None:
    case.pause_started = on
    case.wait_until = add_workdays(on, period)


def _end_pause(case, on: datetime.date, cap: int | None) -> int:
    paused = workdays_between(case.pause_started, on)
    if cap is not None:
        paused = min(paused, cap)
    case.paused_workdays += paused
    case.pause_started = None
    case.wait_until = None
    recompute_due_date(case)
    return paused


def _start_consultation(case, on: datetime.date, *, consulted: str = "", **_: Any) -> dict:
    if not consulted.strip():
        raise TransitionError("请填写征求意见的第三方或机关名称。")
    _start_pause(case, on, CONSULTATION_WORKDAYS)
    return {"consulted": consulted.strip()}


def _end_consultation(case, on: datetime.date, **_: Any) -> dict:
    return {"paused_workdays": _end_pause(case, on, CONSULTATION_WORKDAYS)}


def _extend(
    case,
    on: datetime.date,
    *,
    days: int = 0,
    approver: str = "",
    reason: str = "",
    documents: Iterable = (),
    **_: Any,
) -> dict:
    if case.extension_days:
        raise TransitionError("答复期限只能延长一次。")
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise TransitionError(f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日。")
    if not approver.strip() or not reason.strip():
        raise TransitionError("延长答复期限须写明批准人（政府信息公开工作机构负责人）和理由。")
    if on > case.due_date:
        raise TransitionError(f"答复期限已于{case.due_date:%Y-%m-%d}届满，不能再延期。")
    _require_document(
        documents,
        EXTENSION_NOTICE_KIND,
        "延长答复期限应当告知申请人（条例第三十三条），请上传延期答复告知书。",
    )
    case.extension_days = days
    case.extension_approver = approver.strip()
    case.extension_reason = reason.strip()
    case.extension_notice_date = on
    recompute_due_date(case)
    return {
        "days": days,
        "approver": case.extension_approver,
        "due_date": case.due_date.isoformat(),
        "notified_on": on.isoformat(),
    }


def _set_later_deadline(
    case,
    on: datetime.date,
    *,
    deadline: datetime.date | None = None,
    reason: str = "",
    documents: Iterable = (),
    **_: Any,
) -> dict:
    if case.later_due_date is not None:
        raise TransitionError("延迟答复的合理期限只能确定一次。")
    if on > case.due_date:
        raise TransitionError(f"答复期限已于{case.due_date:%Y-%m-%d}届满，不能再确定延迟答复期限。")
    if deadline is None or deadline <= case.due_date:
        raise TransitionError(f"延迟答复的期限应晚于当前答复期限（{case.due_date:%Y-%m-%d}）。")
    furthest = add_workdays(case.due_date, later_deadline_max_workdays())
    if deadline > furthest:
        raise TransitionError(
            f"延迟答复的期限应在合理范围内，最迟不超过{furthest:%Y-%m-%d}"
            f"（当前答复期限后{later_deadline_max_workdays()}个工作日）。"
        )
    if not reason.strip():
        raise TransitionError("请写明申请数量、频次明显超过合理范围的情况和延迟答复的理由。")
    _require_document(
        documents,
        LATER_DEADLINE_NOTICE_KIND,
        "确定延迟答复期限应当告知申请人（条例第三十五条），请上传延迟答复告知书。",
    )
    case.later_due_date = deadline
    case.later_due_reason = reason.strip()
    recompute_due_date(case)
    return {"deadline": deadline.isoformat(), "reason": case.later_due_reason}


def _reassign(case, on: datetime.date, *, organisation=None, reason: str = "", **_: Any) -> dict:
    previous = case.answering_organisation
    if organisation is None:
        raise TransitionError("请选择改派后的答复机关。")
    if organisation.site_id != case.site_id:
        raise TransitionError(f"“{organisation}”不是本网站的机关，只能改派给本网站的机关。")
    if previous is not None and organisation.pk == previous.pk:
        raise TransitionError(f"本申请已由“{organisation}”答复，无需改派。")
    if not reason.strip():
        raise TransitionError("请写明改派理由。")
    case.organisation = organisation
    return {
        "from": previous.name if previous else "",
        "from_id": previous.pk if previous else None,
        "to": organisation.name,
        "to_id": organisation.pk,
        "reason": reason.strip(),
    }


def _fee_for(case, fee_method: str, pages: int | None):
    try:
        if fee_method == FeeMethod.PER_REQUEST:
            return calculate_fee(fee_method, ordinal=case.applicant_monthly_ordinal())
        return calculate_fee(fee_method, pages=pages)
    except (ValueError, TypeError) as exc:
        raise TransitionError("请选择一种收费方式（按件或按量），按量计收须填写页数。") from exc


def _request_fee(
    case, on: datetime.date, *, fee_method: str = "", pages: int | None = None, **_: Any
) -> dict:
    # 国办函〔2020〕109号: one fee notice per request, by one method, never both.
    if case.fee_method:
        raise TransitionError(
            f"本申请已发出收费通知（{FeeMethod(case.fee_method).label}，{case.fee_amount}元），"
            "每件申请只能发出一次收费通知、采用一种收费方式；金额有误的，请在待缴费期间办理“更正收费通知”。"
        )
    amount = _fee_for(case, fee_method, pages)
    if amount <= 0:
        raise TransitionError("按收费标准本申请无需收费。")
    case.fee_method = fee_method
    case.fee_amount = amount
    _start_pause(case, on, PAYMENT_WORKDAYS)
    return {"fee_method": fee_method, "amount": str(amount), "pages": pages}


def _correct_fee(
    case, on: datetime.date, *, pages: int | None = None, reason: str = "", **_: Any
) -> dict:
    """A 更正 of the one fee notice: same method, new amount; the first amount is kept."""
    if not reason.strip():
        raise TransitionError("请写明更正收费通知的理由。")
    if case.fee_method == FeeMethod.PER_PAGE and not pages:
        raise TransitionError("按量计收的更正须填写更正后的页数。")
    amount = _fee_for(
        case, case.fee_method, pages if case.fee_method == FeeMethod.PER_PAGE else None
    )
    previous = case.fee_due
    if amount == previous:
        raise TransitionError(f"更正后的金额与原金额（{previous}元）相同，无需更正。")
    case.fee_corrected_amount = amount
    return {
        "fee_method": case.fee_method,
        "first_amount": str(case.fee_amount),
        "previous_amount": str(previous),
        "amount": str(amount),
        "pages": pages,
        "reason": reason.strip(),
    }


def _receive_payment(case, on: datetime.date, **_: Any) -> dict:
    return {"paused_workdays": _end_pause(case, on, None)}


def _payment_lapsed(case, on: datetime.date, **_: Any) -> dict:
    case.pause_started = None
    return _lapse(case, on, reply_type=ReplyType.OTHER_UNPAID, what="缴费")


def late_reply_message(due: datetime.date) -> str:
    return f"答复期限已于{due:%Y-%m-%d}届满，逾期答复须写明逾期原因。"


def _answer(
    case,
    on: datetime.date,
    *,
    reply_type: str = "",
    documents: Iterable = (),
    late_reason: str = "",
    particulars: dict | None = None,
    **_: Any,
) -> dict:
    if reply_type not in ReplyType.values or reply_type in AUTOMATIC_REPLY_TYPES:
        raise TransitionError("请选择答复类型。")
    _require_document(documents, REPLY_KIND, "作出答复须上传答复书。")
    late = case.due_date is not None and on > case.due_date
    if late and not late_reason.strip():
        raise TransitionError(late_reply_message(case.due_date))
    particulars = {**(particulars or {})}
    errors = particular_errors(reply_type, particulars, own=case.answering_organisation)
    if errors:
        raise TransitionError(list(errors.values()))
    case.reply_type = reply_type
    case.closed_date = on
    case.wait_until = None
    case.answered_late = late
    case.late_reason = late_reason.strip() if late else ""
    data: dict = {"reply_type": reply_type}
    if late:
        data.update(late=True, due_date=case.due_date.isoformat(), late_reason=case.late_reason)
    particular = particulars.get("reply_particular", "")
    if particular:
        for name in PARTICULAR_FIELDS:
            setattr(case, name, particulars.get(name) or PARTICULAR_EMPTY.get(name, ""))
        data["particular"] = particular
        data["holding_agency"] = case.holding_agency
    return data


PARTICULAR_FIELDS = (
    "reply_particular",
    "public_location",
    "public_url",
    "holding_organisation",
    "holding_agency_name",
    "holding_agency_contact",
)
PARTICULAR_EMPTY: dict[str, Any] = {"holding_organisation": None}


def _withdraw(case, on: datetime.date, **_: Any) -> dict:
    case.closed_date = on
    case.wait_until = None
    case.pause_started = None
    case.reply_type = ReplyType.OTHER
    return {"reply_type": ReplyType.OTHER}


HANDLERS = {
    Action.SUBMIT: _submit,
    Action.REGISTER: _register,
    Action.CONFIRM_RECEIPT: _register,
    Action.REQUEST_CORRECTION: _request_correction,
    Action.RECEIVE_CORRECTION: _receive_correction,
    Action.CORRECTION_LAPSED: _correction_lapsed,
    Action.START_CONSULTATION: _start_consultation,
    Action.END_CONSULTATION: _end_consultation,
    Action.EXTEND: _extend,
    Action.SET_LATER_DEADLINE: _set_later_deadline,
    Action.REASSIGN: _reassign,
    Action.REQUEST_FEE: _request_fee,
    Action.CORRECT_FEE: _correct_fee,
    Action.RECEIVE_PAYMENT: _receive_payment,
    Action.PAYMENT_LAPSED: _payment_lapsed,
    Action.ANSWER: _answer,
    Action.WITHDRAW: _withdraw,
}


def _check(case, action: str, on: datetime.date, user, today: datetime.date) -> str:
    target = TRANSITIONS.get((action, case.state or None))
    if target is None:
        state = State(case.state).label if case.state else "新申请"
        raise TransitionError(f"申请处于“{state}”状态，不能执行“{Action(action).label}”。")
    if action in MODERATOR_ACTIONS and not case.site.is_administered_by(user):
        raise TransitionError(f"“{Action(action).label}”须由本站审核组（负责人）办理。")
    if on > today:
        raise TransitionError("办理日期不能晚于今天。")
    last = case.last_step_date()
    if last is not None and on < last:
        raise TransitionError(f"办理日期不能早于上一步骤的日期（{last:%Y-%m-%d}）。")
    return target


def perform(
    case,
    action: str,
    *,
    user,
    on: datetime.date,
    today: datetime.date | None = None,
    note: str = "",
    documents: Iterable[tuple[str, Any]] = (),
    **params: Any,
):
    """Apply `action` to `case` as `user` with legal effect on date `on`; return the CaseEvent.

    A new (unsaved) case takes SUBMIT or REGISTER. Raises TransitionError, leaving nothing
    written, when the transitions table or a deadline rule forbids the step. `documents` are
    (kind, wagtaildocs Document) pairs attached to the step."""
    today = today or timezone.localdate()
    documents = list(documents)
    with transaction.atomic():
        if case.pk is not None:
            # Lock the row so two staff clicking at once cannot both move the case.
            case = (
                type(case)
                .objects.select_for_update(of=("self",))
                .select_related("site", "organisation")
                .get(pk=case.pk)
            )
        target = _check(case, action, on, user, today)
        source = case.state or None
        data = HANDLERS[action](case, on, documents=documents, **params)
        case.state = target
        case.save()
        event = case.events.create(
            action=action,
            from_state=source or "",
            to_state=target,
            effective_date=on,
            actor=user,
            actor_name=actor_name(user),
            note=note.strip(),
            data=data,
        )
        for kind, document in documents:
            case.documents.create(event=event, kind=kind, document=document)
    return event
