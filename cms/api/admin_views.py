"""Admin screen 开放接口令牌: a site's administrators (its moderators group) issue read tokens
for their own site and revoke them; the site's editors see the list. The token is shown once,
when it is issued; only its hash is kept. Scoped like every site screen (sites.permissions,
cms.core.admin_scoping): another site's token is a 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.log_actions import log

from cms.api.models import ApiToken
from cms.core.admin_scoping import ScopedDeleteView, ScopedModelViewSet
from cms.disclosure.admin_views import OrganisationPermissionPolicy

REVOKE_ACTION = "jiyue.api_token.revoke"

# The rule of the 机构 screen, for tokens: per site, editors read, moderators manage.
api_token_permission_policy = OrganisationPermissionPolicy(ApiToken)


class ApiTokenForm(WagtailAdminModelForm):
    """Site (only the user's administered sites) and purpose; the site is fixed once issued."""

    class Meta:
        model = ApiToken
        fields = ["site", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("site", None)
        elif self.for_user is not None:
            self.fields["site"].queryset = api_token_permission_policy.sites(self.for_user, {"add"})


class ApiTokenIndexView(generic.IndexView):
    def get_base_queryset(self):
        return api_token_permission_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        ).select_related("site", "created_by")


class ApiTokenCreateView(generic.CreateView):
    def save_instance(self) -> ApiToken:
        token: ApiToken = self.form.instance
        self.raw_token = token.issue()
        token.created_by = self.request.user
        token.save()
        return token

    def save_action(self):
        # The one time the token is shown: it is not stored and cannot be shown again.
        return render(
            self.request,
            "jiyue_api/admin/token_issued.html",
            {
                "token": self.object,
                "raw_token": self.raw_token,
                "index_url": self.get_success_url(),
            },
        )


class ApiTokenRevokeView(ScopedDeleteView):
    """Revocation keeps the row (who issued it, when it was last used) and refuses the token."""

    page_title = "撤销令牌"
    success_message = "令牌“%(object)s”已撤销，使用它的客户端将收到 403。"

    @property
    def confirmation_message(self) -> str:
        return f"确定撤销令牌“{self.object}”吗？撤销后不能恢复，客户端需要新的令牌。"

    def delete_action(self) -> None:
        if self.object.revoked_at is None:
            ApiToken.objects.filter(pk=self.object.pk).update(revoked_at=timezone.now())
            # Not Wagtail's delete action (which logs): the audit log records the revocation.
            log(instance=self.object, action=REVOKE_ACTION, user=self.request.user)


class ApiTokenViewSet(ScopedModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = "开放接口令牌"
    menu_order = 170
    add_to_admin_menu = True
    inspect_view_enabled = False
    permission_policy = api_token_permission_policy
    index_view_class = ApiTokenIndexView
    add_view_class = ApiTokenCreateView
    delete_view_class = ApiTokenRevokeView
    form_fields = ["site", "name"]
    list_display = [
        "name",
        "prefix",
        "site",
        "status_label",
        "created_at",
        "created_by",
        "last_used_at",
    ]
    list_filter = ["site"]
    search_fields = ["name", "prefix"]

    def get_form_class(self, for_update: bool = False) -> type[ApiTokenForm]:
        return ApiTokenForm
