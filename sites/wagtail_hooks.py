"""Registers the site-profile admin and its permission policy."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from sites.models import SiteProfile
from sites.views import SiteProfileViewSet, profile_permission_policy

register_permission_policy(SiteProfile, profile_permission_policy)


@hooks.register("register_admin_viewset")
def register_site_profile_viewset() -> SiteProfileViewSet:
    return SiteProfileViewSet("site_profiles")
