"""How a message moves: submitted → 分办 to an organisation → (转办 to another organisation or
another site of the cluster) → 答复 drafted by the organisation → approved and published by the
site's moderator (or sent back) → 已答复; or marked invalid with a reason. Every step is one
MessageEvent with who and when; this module is the only writer of `Message.status`."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from cms.interaction.models import (
    OPEN_STATUSES,
    Action,
    Message,
    MessageEvent,
    MessageReply,
    Status,
    reply_workdays_for,
)
from cms.workdays.calendar import add_workdays
from sites.models import SiteProfile

# Which actions each status allows (notes are always allowed on open messages).
ALLOWED: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Action.ASSIGN, Action.TRANSFER, Action.NOTE, Action.MARK_INVALID),
    Status.ASSIGNED: (
        Action.DRAFT_REPLY,
        Action.TRANSFER,
        Action.NOTE,
        Action.MARK_INVALID,
    ),
    Status.REVIEWING: (Action.PUBLISH_REPLY, Action.REJECT_REPLY, Action.NOTE),
    Status.ANSWERED: (Action.NOTE,),
    Status.INVALID: (Action.NOTE,),
}
# Only the handling site's moderators (审核) may publish or send back a reply.
MODERATOR_ACTIONS = (Action.PUBLISH_REPLY, Action.REJECT_REPLY)


class TransitionError(ValidationError):
    pass


def actor_label(user) -> str:
    if user is None:
        return "留言人"
    return user.get_full_name() or user.get_username()


def allowed_actions(message: Message, user=None) -> list[str]:
    actions = list(ALLOWED[message.status])
    if user is not None and not may_moderate(message, user):
        actions = [a for a in actions if a not in MODERATOR_ACTIONS]
    return actions


def may_moderate(message: Message, user) -> bool:
    return bool(user.is_active and user.is_superuser) or message.site.is_administered_by(user)


def _record(message: Message, action: str, user, from_status: str, **fields) -> MessageEvent:
    return MessageEvent.objects.create(
        message=message,
        action=action,
        from_status=from_status,
        to_status=message.status,
        actor=user,
        actor_name=actor_label(user),
        **fields,
    )


def _check(message: Message, action: str, user) -> None:
    if action not in ALLOWED[message.status]:
        raise TransitionError(
            f"留言当前状态为“{message.get_status_display()}”，不能执行“{Action(action).label}”。"
        )
    if action in MODERATOR_ACTIONS and user is not None and not may_moderate(message, user):
        raise TransitionError("只有本网站的审核人员可以审核答复。")


def submit(message: Message, *, now: datetime.datetime | None = None) -> Message:
    """File a new message from the public form (or the demo): due date from the site's board."""
    now = now or timezone.now()
    with transaction.atomic():
        message.received_at = now
        message.origin_site_id = message.site_id
        message.status = Status.RECEIVED
        message.due_date = add_workdays(
            timezone.localtime(now).date(), reply_workdays_for(message.site)
        )
        message.save()
        _record(message, Action.SUBMIT, None, "", to_site=message.site, created_at=now)
    return message


def assign(message, organisation, *, user, note: str = "", now=None) -> None:
    _check(message, Action.ASSIGN, user)
    if organisation.site_id != message.site_id:
        raise TransitionError("只能分办给本网站的机构；其他网站的机构请使用“转办”。")
    with transaction.atomic():
        before = message.status
        message.organisation = organisation
        message.status = Status.ASSIGNED
        message.save(update_fields=["organisation", "status"])
        _record(
            message,
            Action.ASSIGN,
            user,
            before,
            organisation=organisation,
            note=note,
            created_at=now or timezone.now(),
        )


def transfer(message, *, user, organisation=None, site=None, note: str, now=None) -> None:
    """Hand the message to another organisation (of this or another site) or to another site's
    inbox unassigned. The due date does not restart: the citizen has already waited."""
    _check(message, Action.TRANSFER, user)
    if organisation is None and site is None:
        raise TransitionError("请选择转办的机构或网站。")
    if not note.strip():
        raise TransitionError("请填写转办理由。")
    target_site: SiteProfile = organisation.site if organisation is not None else site
    if organisation is None and target_site.pk == message.site_id:
        raise TransitionError("留言已在本网站，请选择其他网站或具体机构。")
    if organisation is not None and organisation.pk == message.organisation_id:
        raise TransitionError("留言已由该机构办理，请选择其他机构。")
    with transaction.atomic():
        before, from_site = message.status, message.site
        message.site = target_site
        message.organisation = organisation
        message.status = Status.ASSIGNED if organisation is not None else Status.RECEIVED
        message.save(update_fields=["site", "organisation", "status"])
        _record(
            message,
            Action.TRANSFER,
            user,
            before,
            from_site=from_site,
            to_site=target_site,
            organisation=organisation,
            note=note,
            created_at=now or timezone.now(),
        )


def add_note(message, *, user, note: str, now=None) -> None:
    if not note.strip():
        raise TransitionError("备注内容不能为空。")
    _record(message, Action.NOTE, user, message.status, note=note, created_at=now or timezone.now())


def draft_reply(message, *, user, body: str, now=None) -> MessageReply:
    _check(message, Action.DRAFT_REPLY, user)
    if not body.strip():
        raise TransitionError("答复内容不能为空。")
    now = now or timezone.now()
    with transaction.atomic():
        reply = MessageReply.objects.create(
            message=message,
            organisation=message.organisation,
            body=body.strip(),
            drafted_by=actor_label(user),
            drafted_at=now,
        )
        before = message.status
        message.status = Status.REVIEWING
        message.save(update_fields=["status"])
        _record(
            message,
            Action.DRAFT_REPLY,
            user,
            before,
            organisation=message.organisation,
            created_at=now,
        )
    return reply


def _pending_reply(message: Message) -> MessageReply:
    reply = message.replies.filter(reviewed_at__isnull=True).order_by("-drafted_at").first()
    if reply is None:
        raise TransitionError("没有待审核的答复。")
    return reply


def reject_reply(message, *, user, note: str, now=None) -> None:
    _check(message, Action.REJECT_REPLY, user)
    if not note.strip():
        raise TransitionError("退回答复须填写审核意见。")
    now = now or timezone.now()
    with transaction.atomic():
        reply = _pending_reply(message)
        reply.reviewed_by, reply.reviewed_at, reply.review_note = actor_label(user), now, note
        reply.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
        before = message.status
        message.status = Status.ASSIGNED
        message.save(update_fields=["status"])
        _record(message, Action.REJECT_REPLY, user, before, note=note, created_at=now)


def publish_reply(message, *, user, note: str = "", now=None) -> MessageReply:
    """The moderator approves the pending draft: it is published and the citizen is told by
    e-mail when they left an address."""
    _check(message, Action.PUBLISH_REPLY, user)
    now = now or timezone.now()
    with transaction.atomic():
        reply = _pending_reply(message)
        _check_reply_safety(reply)
        reply.reviewed_by, reply.reviewed_at, reply.review_note = actor_label(user), now, note
        reply.published_at = now
        reply.save()
        before = message.status
        message.status = Status.ANSWERED
        message.answered_at = now
        message.save(update_fields=["status", "answered_at"])
        _record(
            message,
            Action.PUBLISH_REPLY,
            user,
            before,
            organisation=reply.organisation,
            note=note,
            created_at=now,
        )
        transaction.on_commit(lambda: notify_citizen(message, reply))
    return reply


def _check_reply_safety(reply: MessageReply) -> None:
    """A published reply passes the same content-safety check as a page (cms.safety): the
    moderator sends it back (退回) for the organisation to correct."""
    from cms.safety.check import check_plain

    findings = check_plain("body", "答复", reply.body)
    if findings:
        raise TransitionError(
            "答复未通过内容安全检查，请退回修改：" + "；".join(f.message for f in findings)
        )


def mark_invalid(message, *, user, reason: str, now=None) -> None:
    """Spam, abuse or not a message at all. The reason is kept on the message and in the trail
    so an auditor can judge it: an invalid message is the one kind the audit does not count."""
    _check(message, Action.MARK_INVALID, user)
    if not reason.strip():
        raise TransitionError("标记无效留言须填写原因。")
    with transaction.atomic():
        before = message.status
        message.status = Status.INVALID
        message.invalid_reason = reason.strip()
        message.save(update_fields=["status", "invalid_reason"])
        _record(
            message,
            Action.MARK_INVALID,
            user,
            before,
            note=reason,
            created_at=now or timezone.now(),
        )


def notify_citizen(message: Message, reply: MessageReply) -> int:
    if not message.email:
        return 0
    board_name = message.site.canonical_name
    body = (
        f"{message.name}：\n\n"
        f"您于{timezone.localtime(message.received_at):%Y年%m月%d日}在{board_name}提交的留言"
        f"“{message.subject}”（查询码 {message.tracking_code}）已由{reply.organisation.name}答复：\n\n"
        f"{reply.body}\n\n"
        "您可凭查询码和联系电话在网站“互动交流”栏目查询办理过程。\n"
        f"{board_name}\n"
    )
    return send_mail(
        subject=f"您的留言已答复：{message.subject}",
        message=body,
        from_email=message.site.contact_email or None,
        recipient_list=[message.email],
    )


def is_open(message: Message) -> bool:
    return message.status in OPEN_STATUSES
