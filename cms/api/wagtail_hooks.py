"""Registers the 开放接口令牌 admin screen and its site-scoped permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.api.admin_views import ApiTokenViewSet, api_token_permission_policy
from cms.api.models import ApiToken

register_permission_policy(ApiToken, api_token_permission_policy)


@hooks.register("register_admin_viewset")
def register_api_token_viewset() -> ApiTokenViewSet:
    return ApiTokenViewSet("api_tokens")
