"""Registers the disclosure admin screens (机构, 主题分类) and the organisation permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.disclosure.admin_views import (
    OrganisationViewSet,
    TopicViewSet,
    organisation_permission_policy,
)
from cms.disclosure.models import Organisation

register_permission_policy(Organisation, organisation_permission_policy)


@hooks.register("register_admin_viewset")
def register_organisation_viewset() -> OrganisationViewSet:
    return OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_topic_viewset() -> TopicViewSet:
    return TopicViewSet("disclosure_topics")
