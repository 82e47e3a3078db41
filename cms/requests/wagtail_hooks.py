"""Registers the 依申请公开 admin (menu item, case list, case view, intake form)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.requests.admin_views import NAMESPACE, RequestCaseViewSet
from cms.requests.models import RequestCase
from cms.requests.permissions import RequestCasePermissionPolicy

register_permission_policy(RequestCase, RequestCasePermissionPolicy(RequestCase))


@hooks.register("register_admin_viewset")
def register_request_case_viewset() -> RequestCaseViewSet:
    return RequestCaseViewSet(NAMESPACE)
