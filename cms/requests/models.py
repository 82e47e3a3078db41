"""依申请公开 cases (条例 第二十九条至第四十五条): the application as filed on one site and addressed
to one agency of that site (条例 第四条), its running deadlines, and the immutable trail of steps
and documents. State changes go through cms.requests.workflow.perform(); nothing else writes
`state` or `organisation`."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone

from cms.requests.agencies import agency_cases_q, default_organisation
from cms.requests.fees import FeeMethod
from cms.requests.table_three import ApplicantType, ReplyType
from cms.requests.workflow import DUE_SOON_WORKDAYS, WAITING, Action, State
from cms.workdays.calendar import add_workdays
from sites.models import SiteProfile

# Tracking codes: no 0/O/1/I so they can be read out over the phone; 32**10 ≈ 10**15 codes.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_RANDOM_LENGTH = 10
TRACKING_PREFIX = "GK"


def new_tracking_code() -> str:
    return TRACKING_PREFIX + "".join(
        secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_RANDOM_LENGTH)
    )


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他有效身份证件"


class InformationFormat(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", "自行领取"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"


class Channel(models.TextChoices):
    """How the request arrived; decides the receipt date (条例 第三十一条)."""

    ONLINE = "online", "网上申请（双方确认之日为收到日）"
    IN_PERSON = "in_person", "当面提交（提交之日为收到日）"
    POST = "post", "邮寄（签收之日为收到日）"
    FAX = "fax", "传真（双方确认之日为收到日）"
    ORAL = "oral", "口头提出，由工作人员代为填写"


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


class ReplyParticular(models.TextChoices):
    """条例 第三十六条 particulars a reply must state, kept as data and not only in the letter."""

    ALREADY_PUBLIC = "already_public", "所申请信息已主动公开（告知获取途径，第三十六条第一项）"
    OTHER_AGENCY = "other_agency", "不属于本机关负责公开（告知负责机关，第三十六条第五项）"


class RequestCaseQuerySet(models.QuerySet):
    def answered_by(self, organisation) -> RequestCaseQuerySet:
        """The cases `organisation` must answer (条例 第四条), see agencies.agency_cases_q."""
        return self.filter(agency_cases_q(organisation))

    def flag_late(self) -> RequestCaseQuerySet:
        """Answered after the reply deadline (recorded with its reason when answered)."""
        return self.filter(answered_late=True)

    def flag_overdue(self, today: datetime.date) -> RequestCaseQuerySet:
        """Reply deadline passed, or a waiting period (补正, 征求意见, 缴费) ran out unattended."""
        return self.filter(
            Q(state=State.REGISTERED, due_date__lt=today)
            | Q(state__in=WAITING, wait_until__lt=today)
        )

    def flag_due_soon(self, today: datetime.date) -> RequestCaseQuerySet:
        horizon = add_workdays(today, DUE_SOON_WORKDAYS)
        return self.filter(
            Q(state=State.REGISTERED, due_date__range=(today, horizon))
            | Q(state__in=WAITING, wait_until__range=(today, horizon))
        )


class RequestCase(models.Model):
    site = models.ForeignKey(
        SiteProfile, verbose_name="受理网站", on_delete=models.PROTECT, related_name="gi_requests"
    )
    # 条例 第四条: the agency that must answer; chosen on the form among the site's agencies,
    # reassigned only through workflow.perform(REASSIGN) so the history is kept.
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="答复机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gi_requests",
    )
    tracking_code = models.CharField(
        "查询码", max_length=20, unique=True, default=new_tracking_code
    )
    channel = models.CharField("申请渠道", max_length=12, choices=Channel.choices)
    state = models.CharField("状态", max_length=24, choices=State.choices, editable=False)

    # 条例 第二十九条: who is asking, how to reach them, what they want and in which form.
    applicant_type = models.CharField("申请人类型", max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField(
        "证件类型", max_length=20, choices=IdDocumentType.choices, blank=True
    )
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需信息的名称、文号或者便于查询的其他特征性描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    info_format = models.CharField(
        "获取信息的载体形式", max_length=12, choices=InformationFormat.choices
    )
    delivery_method = models.CharField(
        "获取信息的方式", max_length=12, choices=DeliveryMethod.choices
    )

    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_date = models.DateField("收到申请日期", null=True, blank=True)
    clock_start = models.DateField("计时起点", null=True, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True)
    wait_until = models.DateField("等待期限", null=True, blank=True)
    pause_started = models.DateField("暂停计时起点", null=True, blank=True)
    paused_workdays = models.PositiveIntegerField("不计入期限的工作日", default=0)
    correction_notice_date = models.DateField("补正通知日期", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长工作日数", default=0)
    extension_approver = models.CharField("延期批准人", max_length=50, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_notice_date = models.DateField("延期告知申请人日期", null=True, blank=True)
    # 条例 第三十五条: a reasonable later deadline for large or repeated requests.
    later_due_date = models.DateField("延迟答复的合理期限", null=True, blank=True)
    later_due_reason = models.TextField("延迟答复理由", blank=True)
    fee_method = models.CharField("收费方式", max_length=12, choices=FeeMethod.choices, blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    # The first notice's amount is never overwritten; a 更正 records the corrected amount.
    fee_corrected_amount = models.DecimalField(
        "更正后信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    closed_date = models.DateField("办结日期", null=True, blank=True)
    reply_type = models.CharField("办理结果", max_length=32, choices=ReplyType.choices, blank=True)
    answered_late = models.BooleanField("逾期答复", default=False)
    late_reason = models.TextField("逾期答复原因", blank=True)
    # 条例 第三十六条 particulars of the reply.
    reply_particular = models.CharField(
        "答复情形", max_length=20, choices=ReplyParticular.choices, blank=True
    )
    public_location = models.CharField("已公开信息的获取途径", max_length=200, blank=True)
    public_url = models.URLField("已公开信息的链接", max_length=500, blank=True)
    holding_organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="负责公开该信息的机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holding_agency_name = models.CharField("负责公开该信息的机关名称", max_length=100, blank=True)
    holding_agency_contact = models.CharField("该机关联系方式", max_length=100, blank=True)

    objects = RequestCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "state"]),
            models.Index(fields=["organisation", "received_date"]),
            models.Index(fields=["due_date"]),
            models.Index(fields=["received_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.applicant_name}"

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    @property
    def masked_id_number(self) -> str:
        if self.is_organisation:
            return self.credit_code
        return mask_middle(self.id_number, 3, 4) if self.id_number else ""

    @property
    def masked_phone(self) -> str:
        return mask_middle(self.phone, 3, 4)

    @property
    def answering_organisation(self):
        """The agency that answers: the assigned one, else the site's default agency."""
        if self.organisation_id:
            return self.organisation
        return default_organisation(self.site)

    @property
    def fee_due(self):
        """What the applicant owes: the corrected amount after a 更正, else the notice's."""
        if self.fee_corrected_amount is not None:
            return self.fee_corrected_amount
        return self.fee_amount

    @property
    def holding_agency(self) -> str:
        if self.holding_organisation_id:
            return self.holding_organisation.name
        return self.holding_agency_name

    @property
    def next_deadline(self) -> datetime.date | None:
        if self.state == State.REGISTERED:
            return self.due_date
        return self.wait_until if self.state in WAITING else None

    def flags(self, today: datetime.date) -> list[str]:
        if self.answered_late:
            return ["逾期答复"]
        deadline = self.next_deadline
        if deadline is None:
            return []
        if deadline < today:
            return ["已超期"]
        if deadline <= add_workdays(today, DUE_SOON_WORKDAYS):
            return [f"{DUE_SOON_WORKDAYS}个工作日内到期"]
        return []

    def last_step_date(self) -> datetime.date | None:
        if self.pk is None:
            return None
        return self.events.aggregate(last=Max("effective_date"))["last"]

    def applicant_identity_q(self) -> Q:
        if self.is_organisation and self.credit_code:
            return Q(credit_code=self.credit_code)
        if self.id_number:
            return Q(id_type=self.id_type, id_number=self.id_number)
        return Q(applicant_name=self.applicant_name, phone=self.phone)

    def agency_q(self) -> Q:
        """The cases addressed to the same agency as this one."""
        organisation = self.answering_organisation
        if organisation is None:
            return Q(site_id=self.site_id, organisation__isnull=True)
        return agency_cases_q(organisation)

    def applicant_monthly_ordinal(self) -> int:
        """Which request of this applicant to this case's agency in the receipt month this is
        (1-based): the quantity 按件计收 charges by. 国办函〔2020〕109号 counts per agency, so
        requests to the other agencies of the same site do not add up."""
        received = self.received_date
        earlier = RequestCase.objects.filter(
            self.applicant_identity_q(),
            self.agency_q(),
            received_date__year=received.year,
            received_date__month=received.month,
        ).filter(Q(received_date__lt=received) | Q(received_date=received, pk__lt=self.pk))
        return earlier.count() + 1


class CaseEvent(models.Model):
    """One step of a case (条例 第四十五条 登记、审核、办理、答复、归档): never edited or deleted."""

    case = models.ForeignKey(RequestCase, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("步骤", max_length=24, choices=Action.choices)
    from_state = models.CharField("原状态", max_length=24, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=24, choices=State.choices)
    effective_date = models.DateField("办理日期")
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
    note = models.TextField("说明", blank=True)
    data = models.JSONField("记录数据", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.effective_date} {self.get_action_display()}"


class DocumentKind(models.TextChoices):
    REPLY = "reply", "答复书"
    CORRECTION_NOTICE = "correction_notice", "补正通知书"
    CONSULTATION_LETTER = "consultation_letter", "征求意见函"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    LATER_DEADLINE_NOTICE = "later_deadline_notice", "延迟答复告知书"
    FEE_NOTICE = "fee_notice", "收费通知书"
    FEE_CORRECTION_NOTICE = "fee_correction_notice", "收费更正通知书"
    OTHER = "other", "其他材料"


class CaseDocument(models.Model):
    case = models.ForeignKey(RequestCase, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField("文书类型", max_length=24, choices=DocumentKind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "办理文书"
        verbose_name_plural = "办理文书"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.document.title}"
