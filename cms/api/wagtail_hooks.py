"""Registers the 开放接口令牌 admin screen and its site-scoped permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.api.admin_views import REVOKE_ACTION, ApiTokenViewSet, api_token_permission_policy
from cms.api.models import ApiToken

register_permission_policy(ApiToken, api_token_permission_policy)


@hooks.register("register_admin_viewset")
def register_api_token_viewset() -> ApiTokenViewSet:
    return ApiTokenViewSet("api_tokens")


@hooks.register("register_log_actions")
def api_token_log_actions(actions) -> None:
    actions.register_action(REVOKE_ACTION, "撤销接口令牌", "已撤销接口令牌")
