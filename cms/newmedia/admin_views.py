"""Admin menu 政务新媒体 › 账号登记: the registry of a site's official accounts (STANDARDS.md §5),
scoped like every site object (cms.core.admin_scoping, sites.permissions)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from cms.core.admin_scoping import ScopedDeleteView, ScopedModelViewSet
from cms.newmedia.forms import AccountForm
from cms.newmedia.models import Account, Platform
from cms.newmedia.outbox_views import OutboxViewSet
from cms.newmedia.permissions import account_policy

ACCOUNT_NAMESPACE = "newmedia_account"


def account_alerts(account: Account) -> str:
    """What the account owner must act on: expired Weibo authorisation, a parked WeChat quota."""
    alerts = []
    if account.auth_expired_at:
        alerts.append(
            f"微博授权已于 {timezone.localtime(account.auth_expired_at):%Y-%m-%d %H:%M} 失效，请重新授权"
        )
    elif account.platform == Platform.WEIBO and account.token_expires_on:
        days = (account.token_expires_on - timezone.localdate()).days
        if days < 0:
            alerts.append("微博授权已过期，请重新授权")
        elif days <= 7:
            alerts.append(f"微博授权将于 {account.token_expires_on:%Y-%m-%d} 到期")
    if account.is_parked():
        alerts.append(account.parked_reason)
    return "；".join(alerts)


class AccountIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            account_policy()
            .instances_user_has_any_permission_for(self.request.user, {"view"})
            .select_related("site")
        )

    @property
    def columns(self):
        columns = list(super().columns)
        columns.append(Column("alerts", label="提示", accessor=account_alerts))
        return columns


class AccountDeleteView(ScopedDeleteView):
    """An account with deliveries stays in the registry (STANDARDS.md §5: closed formally, not
    erased): it is marked 已注销 instead."""

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        if account.outbox.exists():
            flash.error(
                request,
                "该账号已有推送记录，不能删除；停用账号请将状态改为“已注销”并填写注销日期。",
            )
            return redirect(reverse(f"{ACCOUNT_NAMESPACE}:edit", args=[account.pk]))
        return super().post(request, *args, **kwargs)


class AccountViewSet(ScopedModelViewSet):
    model = Account
    name = ACCOUNT_NAMESPACE
    icon = "globe"
    menu_label = "账号登记"
    url_prefix = "newmedia/accounts"
    inspect_view_enabled = False
    index_view_class = AccountIndexView
    delete_view_class = AccountDeleteView
    list_display = ["name", "platform", "site", "sponsor", "status", "requires_approval"]
    list_filter = ["platform", "status", "site"]
    search_fields = ["name", "account_id", "sponsor"]

    @property
    def permission_policy(self):
        return account_policy()

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("site"),
                    FieldPanel("platform"),
                    FieldPanel("sponsor"),
                    FieldPanel("name"),
                    FieldPanel("account_id"),
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("filed_on"), FieldPanel("closed_on")]),
                ],
                heading="账号信息",
            ),
            MultiFieldPanel(
                [
                    HelpPanel(
                        "密钥只写不读：保存后不会再显示。也可以只填写服务器环境变量名，由运维人员在服务器上设置。"
                    ),
                    FieldPanel("app_id"),
                    FieldPanel("secret_env_var"),
                    FieldPanel("new_secret"),
                    FieldPanel("clear_secret"),
                    FieldPanel("token_expires_on"),
                ],
                heading="接口凭据",
            ),
            MultiFieldPanel(
                [
                    HelpPanel(
                        "三类规则满足其一即推送；都不设置时，本网站所有栏目的重要更新都推送到本账号。"
                    ),
                    FieldPanel("columns"),
                    FieldPanel("category_choices"),
                    FieldPanel("organisations"),
                ],
                heading="推送规则",
            ),
            MultiFieldPanel(
                [FieldPanel("requires_approval"), FieldPanel("silence_days")],
                heading="审核与检查",
            ),
        ],
        base_form_class=AccountForm,
    )


class NewMediaGroup(ViewSetGroup):
    menu_label = "政务新媒体"
    menu_icon = "globe"
    menu_order = 207
    items = (AccountViewSet, OutboxViewSet)
