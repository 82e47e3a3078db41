"""The citizen message board (政民互动 · 留言办理) of the whole cluster: one `Message` per letter
filed on a site's board, its immutable trail of steps (`MessageEvent`), its reply drafts
(`MessageReply`, published only after the site's moderator approves) and attachments.

A board page (`MessageBoardPage`) sits in a site's 互动交流 column and carries that site's
configuration (which kinds it accepts, the reply deadline in working days). State changes go
through cms.interaction.workflow; nothing else writes `status`."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cms.core.inspection import MessageLapse, message_lapse
from cms.core.models import BasePage
from cms.interaction.storage import private_storage
from cms.pages.column_types import ColumnType
from cms.requests.models import TRACKING_ALPHABET, TRACKING_RANDOM_LENGTH, mask_middle
from sites.models import SiteProfile

TRACKING_PREFIX = "LY"
# Default reply deadline of a board (issue 11: "configurable per site, default 10 WD").
DEFAULT_REPLY_WORKDAYS = 10


def new_tracking_code() -> str:
    # Same alphabet as 依申请公开 codes (no 0/O/1/I); a different prefix tells them apart.
    return TRACKING_PREFIX + "".join(
        secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_RANDOM_LENGTH)
    )


class MessageKind(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建言"
    COMPLAINT = "complaint", "投诉"


class Status(models.TextChoices):
    RECEIVED = "received", "待分办"
    ASSIGNED = "assigned", "办理中"
    REVIEWING = "reviewing", "答复待审核"
    ANSWERED = "answered", "已答复"
    INVALID = "invalid", "无效留言"


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.REVIEWING)


class Action(models.TextChoices):
    SUBMIT = "submit", "网上提交留言"
    ASSIGN = "assign", "分办"
    TRANSFER = "transfer", "转办"
    NOTE = "note", "内部备注"
    DRAFT_REPLY = "draft_reply", "拟写答复"
    REJECT_REPLY = "reject_reply", "退回答复"
    PUBLISH_REPLY = "publish_reply", "审核通过并发布答复"
    MARK_INVALID = "mark_invalid", "标记无效"


class MessageBoardPage(RoutablePageMixin, BasePage):
    """A site's 留言板: the form, the answered public messages, the status lookup and the monthly
    statistics, all below this page's URL. Its fields are the site's board configuration."""

    is_column_item = True
    meta_column_type = ColumnType.CONSULTATION

    intro = RichTextField("留言须知", blank=True)
    accepts_consult = models.BooleanField("受理咨询", default=True)
    accepts_suggest = models.BooleanField("受理建言", default=True)
    accepts_complaint = models.BooleanField("受理投诉", default=True)
    reply_workdays = models.PositiveSmallIntegerField(
        "答复期限（工作日）",
        default=DEFAULT_REPLY_WORKDAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="自收到留言之日起计算；转办不重新计算期限。",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("accepts_consult"),
                FieldPanel("accepts_suggest"),
                FieldPanel("accepts_complaint"),
                FieldPanel("reply_workdays"),
            ],
            heading="留言板设置",
        ),
    ]
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "留言板"
        verbose_name_plural = "留言板"

    def kinds(self) -> list[tuple[str, str]]:
        accepted = {
            MessageKind.CONSULT: self.accepts_consult,
            MessageKind.SUGGEST: self.accepts_suggest,
            MessageKind.COMPLAINT: self.accepts_complaint,
        }
        return [(kind.value, kind.label) for kind, on in accepted.items() if on]

    def page_meta(self) -> dict[str, str]:
        parent = self.get_parent()
        parent = parent.specific_deferred if parent else None
        meta = {"ColumnName": self.title, "ColumnType": ColumnType.CONSULTATION}
        if parent is not None and getattr(parent, "column_type", None):
            meta["ColumnName"] = parent.title
        return meta

    # Each route hands over to cms.interaction.views, which owns the request handling.
    @path("")
    def list_view(self, request):
        from cms.interaction import views

        return views.answered_list(request, self)

    @path("write/")
    def form_view(self, request):
        from cms.interaction import views

        return views.message_form(request, self)

    @path("submitted/")
    def submitted_view(self, request):
        from cms.interaction import views

        return views.submitted(request, self)

    @path("status/")
    def status_view(self, request):
        from cms.interaction import views

        return views.status(request, self)

    @path("stats/")
    def stats_view(self, request):
        from cms.interaction import views

        return views.statistics(request, self)

    @path("suggest/")
    def suggest_view(self, request):
        from cms.interaction import views

        return views.suggest(request, self)

    @path("<int:pk>/")
    def detail_view(self, request, pk: int):
        from cms.interaction import views

        return views.detail(request, self, pk)


def board_for_site(site: SiteProfile) -> MessageBoardPage | None:
    """The live board of a site (the first one in tree order), or None."""
    return (
        MessageBoardPage.objects.live()
        .descendant_of(site.site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )


def reply_workdays_for(site: SiteProfile) -> int:
    board = board_for_site(site)
    return board.reply_workdays if board else DEFAULT_REPLY_WORKDAYS


class MessageQuerySet(models.QuerySet):
    def valid(self) -> MessageQuerySet:
        return self.exclude(status=Status.INVALID)

    def public_answered(self) -> MessageQuerySet:
        return self.filter(is_public=True, status=Status.ANSWERED)


class Message(models.Model):
    site = models.ForeignKey(
        SiteProfile, verbose_name="办理网站", on_delete=models.PROTECT, related_name="messages"
    )
    origin_site = models.ForeignKey(
        SiteProfile,
        verbose_name="受理网站",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留言提交时所在的网站；转办后不变。",
    )
    tracking_code = models.CharField(
        "查询码", max_length=20, unique=True, default=new_tracking_code
    )
    kind = models.CharField("留言类型", max_length=12, choices=MessageKind.choices)
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    subject = models.CharField("留言标题", max_length=100)
    content = models.TextField("留言内容")
    is_public = models.BooleanField("同意公开", default=True)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    received_at = models.DateTimeField("留言时间", default=timezone.now)
    due_date = models.DateField("答复期限")
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    invalid_reason = models.TextField("无效原因", blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "status"]),
            models.Index(fields=["due_date"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"

    @property
    def received_on(self) -> datetime.date:
        return timezone.localtime(self.received_at).date()

    @property
    def masked_phone(self) -> str:
        return mask_middle(self.phone, 3, 4)

    @property
    def masked_name(self) -> str:
        """What the public list shows of the writer: the surname only (张**)."""
        return self.name[:1] + "*" * max(len(self.name) - 1, 1) if self.name else ""

    def lapse(self, today: datetime.date) -> MessageLapse | None:
        if self.status not in OPEN_STATUSES:
            return None
        return message_lapse(self.received_on, today)

    def flags(self, today: datetime.date) -> list[str]:
        if self.status not in OPEN_STATUSES:
            return []
        result = []
        if self.due_date < today:
            result.append("已超期")
        lapse = self.lapse(today)
        if lapse == MessageLapse.VETO:
            result.append("超过3个月未答复")
        elif lapse == MessageLapse.WARNING:
            result.append("超过2个月未答复")
        return result

    def published_reply(self) -> MessageReply | None:
        return self.replies.filter(published_at__isnull=False).order_by("-published_at").first()


class MessageEvent(models.Model):
    """One step of a message (who, when, from where to where): never edited or deleted. Transfers
    name both sites, so each side's staff see the same history."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("步骤", max_length=16, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the record must still say who acted after an account is deleted.
    actor_name = models.CharField("经办人姓名", max_length=150)
    from_site = models.ForeignKey(
        SiteProfile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_site = models.ForeignKey(
        SiteProfile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class MessageReply(models.Model):
    """A reply drafted by the handling organisation. It reaches the citizen only when the site's
    moderator approves it (`published_at` set); rejected drafts stay for the record."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="答复单位",
        on_delete=models.PROTECT,
        related_name="message_replies",
    )
    body = models.TextField("答复内容")
    drafted_by = models.CharField("拟稿人", max_length=150)
    drafted_at = models.DateTimeField("拟稿时间", default=timezone.now)
    reviewed_by = models.CharField("审核人", max_length=150, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_note = models.TextField("审核意见", blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["drafted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.message.tracking_code} 答复"


def attachment_path(instance: MessageAttachment, filename: str) -> str:
    # A random directory: the name a citizen gave the file never decides where it is stored.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"interaction/{secrets.token_hex(16)}.{extension}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    # Private: outside MEDIA_ROOT, no URL; read through the scoped admin view only.
    file = models.FileField("附件", upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "留言附件"
        verbose_name_plural = "留言附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


# The 常见问题 page type lives in its own module; imported here so Django registers the model.
from cms.interaction.faq import FaqPage  # noqa: E402, F401
