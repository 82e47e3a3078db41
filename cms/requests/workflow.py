"""The 依申请公开 case state machine (条例 第二十九条至第四十五条): states, the allowed-transitions
table, the deadline rules and `perform()`, the only way a case changes state. Every step is
written as a CaseEvent with who, when and the legal date it took effect (条例 第四十五条).

Clock: the reply is due 20 WD after the clock start (the receipt date, or the day a corrected
request arrives), plus any extension, plus working days spent in consultation (capped at 15 WD
each) or waiting for a fee. Dates are counted by cms.workdays.calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from cms.requests.fees import FeeMethod, calculate_fee
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
    REQUEST_FEE = "request_fee", "发出收费通知（暂停计时）"
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
    (Action.REQUEST_FEE, State.REGISTERED): State.AWAITING_PAYMENT,
    (Action.RECEIVE_PAYMENT, State.AWAITING_PAYMENT): State.REGISTERED,
    (Action.PAYMENT_LAPSED, State.AWAITING_PAYMENT): State.CLOSED,
    (Action.ANSWER, State.REGISTERED): State.ANSWERED,
    **{(Action.WITHDRAW, state): State.CLOSED for state in OPEN},
}
# Approving an extension is the office head's decision (条例 第三十三条): site moderators only.
MODERATOR_ACTIONS = frozenset({Action.EXTEND})
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


def actor_name(user) -> str:
    if user is None:
        return "申请人"
    return user.get_full_name() or user.get_username()


# --- one handler per action: check the guards, change the case, return what to record ---------


def _register(case, on: datetime.date, **_: Any) -> dict:
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
    case, on: datetime.date, *, days: int = 0, approver: str = "", reason: str = "", **_: Any
) -> dict:
    if case.extension_days:
        raise TransitionError("答复期限只能延长一次。")
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise TransitionError(f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日。")
    if not approver.strip() or not reason.strip():
        raise TransitionError("延长答复期限须写明批准人（政府信息公开工作机构负责人）和理由。")
    if on > case.due_date:
        raise TransitionError(f"答复期限已于{case.due_date:%Y-%m-%d}届满，不能再延期。")
    case.extension_days = days
    case.extension_approver = approver.strip()
    case.extension_reason = reason.strip()
    recompute_due_date(case)
    return {
        "days": days,
        "approver": case.extension_approver,
        "due_date": case.due_date.isoformat(),
    }


def _request_fee(
    case, on: datetime.date, *, fee_method: str = "", pages: int | None = None, **_: Any
) -> dict:
    try:
        if fee_method == FeeMethod.PER_REQUEST:
            amount = calculate_fee(fee_method, ordinal=case.applicant_monthly_ordinal())
        else:
            amount = calculate_fee(fee_method, pages=pages)
    except (ValueError, TypeError) as exc:
        raise TransitionError("请选择一种收费方式（按件或按量），按量计收须填写页数。") from exc
    if amount <= 0:
        raise TransitionError("按收费标准本申请无需收费。")
    case.fee_method = fee_method
    case.fee_amount = amount
    _start_pause(case, on, PAYMENT_WORKDAYS)
    return {"fee_method": fee_method, "amount": str(amount), "pages": pages}


def _receive_payment(case, on: datetime.date, **_: Any) -> dict:
    return {"paused_workdays": _end_pause(case, on, None)}


def _payment_lapsed(case, on: datetime.date, **_: Any) -> dict:
    case.pause_started = None
    return _lapse(case, on, reply_type=ReplyType.OTHER_UNPAID, what="缴费")


def _answer(
    case, on: datetime.date, *, reply_type: str = "", documents: Iterable = (), **_: Any
) -> dict:
    if reply_type not in ReplyType.values or reply_type in AUTOMATIC_REPLY_TYPES:
        raise TransitionError("请选择答复类型。")
    if not list(documents):
        raise TransitionError("作出答复须上传答复书。")
    case.reply_type = reply_type
    case.closed_date = on
    case.wait_until = None
    return {"reply_type": reply_type}


def _withdraw(case, on: datetime.date, **_: Any) -> dict:
    case.closed_date = on
    case.wait_until = None
    case.pause_started = None
    case.reply_type = ReplyType.OTHER
    return {"reply_type": ReplyType.OTHER}


HANDLERS = {
    Action.SUBMIT: lambda case, on, **_: {},
    Action.REGISTER: _register,
    Action.CONFIRM_RECEIPT: _register,
    Action.REQUEST_CORRECTION: _request_correction,
    Action.RECEIVE_CORRECTION: _receive_correction,
    Action.CORRECTION_LAPSED: _correction_lapsed,
    Action.START_CONSULTATION: _start_consultation,
    Action.END_CONSULTATION: _end_consultation,
    Action.EXTEND: _extend,
    Action.REQUEST_FEE: _request_fee,
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
            case = type(case).objects.select_for_update().select_related("site").get(pk=case.pk)
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
