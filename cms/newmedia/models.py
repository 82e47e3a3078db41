"""The 政务新媒体 registry (STANDARDS.md §5: one formally registered account per unit and platform)
and the outbox that carries the website's content to those accounts (issue 9, items 5–8).

An `Account` is an official WeChat or Weibo account owned by one site; its routing rules say which
published items go to it. An `OutboxEntry` is one delivery (post, delete, or a manual-removal task)
of one version of one item to one account; the unique constraint on (account, content id,
revision, action) is what makes delivery idempotent whatever the retries or workers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.core.inspection import NEW_MEDIA_DEFAULT_SILENCE_DAYS


class Platform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "运营中"
    CLOSED = "closed", "已注销"


class Account(models.Model):
    site = models.ForeignKey(
        "jiyue_sites.SiteProfile",
        verbose_name="所属网站",
        on_delete=models.PROTECT,
        related_name="newmedia_accounts",
    )
    platform = models.CharField("平台", max_length=10, choices=Platform.choices)
    sponsor = models.CharField("主办单位", max_length=100)
    name = models.CharField("账号名称", max_length=100)
    account_id = models.CharField(
        "账号ID", max_length=100, help_text="微信公众号原始ID（gh_…）或微博用户ID（UID）。"
    )
    status = models.CharField(
        "状态", max_length=10, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    filed_on = models.DateField("开设备案日期", null=True, blank=True)
    closed_on = models.DateField("注销日期", null=True, blank=True)
    # Credentials. The AppID is not secret; the AppSecret (WeChat) or OAuth access token (Weibo)
    # comes from an environment variable by name, or is stored encrypted (cms.newmedia.credentials)
    # and is never shown back in any form.
    app_id = models.CharField("AppID", max_length=64, blank=True, help_text="仅微信公众号需要。")
    secret_env_var = models.CharField(
        "密钥环境变量名",
        max_length=100,
        blank=True,
        help_text="从服务器环境变量读取 AppSecret（微信）或访问令牌（微博）时填写变量名。",
    )
    secret_encrypted = models.TextField(blank=True, editable=False)
    token_expires_on = models.DateField(
        "微博授权到期日", null=True, blank=True, help_text="微博 OAuth 授权的到期日期。"
    )
    auth_expired_at = models.DateTimeField("授权失效时间", null=True, blank=True, editable=False)
    # Routing: an item goes to the account when it is in one of the columns (or below), or of one
    # of the categories, or of one of the organisations; with no rule at all, every item of the
    # owning site goes to it.
    columns = models.ManyToManyField(
        "wagtailcore.Page", verbose_name="栏目", blank=True, related_name="+"
    )
    categories = models.JSONField("信息类别", default=list, blank=True)
    organisations = models.ManyToManyField(
        "disclosure.Organisation", verbose_name="发布机构", blank=True, related_name="+"
    )
    requires_approval = models.BooleanField(
        "每次推送需审核", default=False, help_text="选中后，每条推送须由本网站审核人员确认后发出。"
    )
    silence_days = models.PositiveSmallIntegerField(
        "未更新提醒天数",
        default=NEW_MEDIA_DEFAULT_SILENCE_DAYS,
        help_text="超过该天数没有推送内容即在检查评估中列为更新不及时。",
    )
    # WeChat 45009: the daily quota is spent; nothing is sent until then (STANDARDS.md §6).
    parked_until = models.DateTimeField("暂停推送至", null=True, blank=True, editable=False)
    parked_reason = models.CharField("暂停原因", max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ["site_id", "platform", "name"]
        constraints = [
            # STANDARDS.md §5: one account per unit per platform.
            models.UniqueConstraint(
                fields=["platform", "account_id"], name="newmedia_account_unique_remote_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.ACTIVE

    def is_parked(self, now=None) -> bool:
        return self.parked_until is not None and self.parked_until > (now or timezone.now())


class AccessToken(models.Model):
    """The WeChat access token of one account, shared by every worker (STANDARDS.md §6: one per
    AppID, never fetched per request)."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="access_token")
    token = models.TextField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.account} access_token"


class RemoteImage(models.Model):
    """An image already uploaded to an account (uploadimg URL or thumb media_id), so it is
    uploaded once per account however many articles use it."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="images")
    key = models.CharField(max_length=200)
    remote_url = models.URLField(max_length=500, blank=True)
    media_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="newmedia_image_unique_key")
        ]

    def __str__(self) -> str:
        return self.key


class Action(models.TextChoices):
    PUBLISH = "publish", "推送"
    DELETE = "delete", "删除"
    MANUAL_REMOVAL = "manual", "人工删除"


class State(models.TextChoices):
    PENDING = "pending", "待发送"
    AWAITING_APPROVAL = "approval", "待审核"
    SENDING = "sending", "发送中"
    SENT = "sent", "已完成"
    FAILED = "failed", "失败"
    MANUAL = "manual", "需人工删除"
    CANCELLED = "cancelled", "已取消"


OPEN_STATES = (State.PENDING, State.AWAITING_APPROVAL, State.SENDING)


class OutboxEntry(models.Model):
    account = models.ForeignKey(
        Account, verbose_name="账号", on_delete=models.PROTECT, related_name="outbox"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_id = models.CharField("内容ID", max_length=64, db_index=True)
    revision_id = models.BigIntegerField("版本")
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    # The delivery a delete or manual removal takes back.
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retractions"
    )
    title = models.CharField("标题", max_length=255)
    page_url = models.URLField("网页地址", max_length=500)
    state = models.CharField("状态", max_length=10, choices=State.choices, db_index=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", default=timezone.now, db_index=True)
    last_error = models.TextField("最近错误", blank=True)
    error_code = models.CharField("错误码", max_length=20, blank=True)
    # A worker's claim: whoever holds an unexpired lease delivers; an expired one (a killed
    # worker) lets the next worker resume from the remote ids recorded below.
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Remote progress, each recorded as soon as the remote side returns it.
    draft_media_id = models.CharField("草稿 media_id", max_length=200, blank=True)
    submit_started_at = models.DateTimeField(null=True, blank=True)
    publish_id = models.CharField("发布任务ID", max_length=200, blank=True)
    remote_id = models.CharField("远端ID", max_length=200, blank=True)
    remote_url = models.URLField("远端链接", max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one post (or delete) per account and item version, whatever the retries.
            models.UniqueConstraint(
                fields=["account", "content_id", "revision_id", "action"],
                name="newmedia_outbox_once_per_version",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}：{self.title} → {self.account.name}"
