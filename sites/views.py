"""Admin screens for site profiles (站点信息): a site's moderators see and edit only their own site;
superusers see all. New sites are opened with `create_site`, not from this screen."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.views import generic

from cms.core.admin_scoping import ScopedModelViewSet
from sites.models import SiteProfile
from sites.permissions import SiteProfilePermissionPolicy

profile_permission_policy = SiteProfilePermissionPolicy(SiteProfile)


class SiteProfileIndexView(generic.IndexView):
    def get_base_queryset(self):
        return profile_permission_policy.instances_user_has_any_permission_for(
            self.request.user, {"change"}
        ).select_related("site", "parent")


class SiteProfileViewSet(ScopedModelViewSet):
    """Edit, history and usage are scoped (cms.core.admin_scoping): another site is a 404."""

    model = SiteProfile
    icon = "site"
    menu_label = "站点信息"
    menu_order = 150
    add_to_admin_menu = True
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = SiteProfileIndexView
    permission_policy = profile_permission_policy
    list_display = ["canonical_name", "site_code", "level", "sponsor", "theme", "mourning_mode"]
    search_fields = ["canonical_name", "site_code", "sponsor"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("canonical_name", read_only=True),
                FieldPanel("site_code", read_only=True),
                FieldPanel("level", read_only=True),
                FieldPanel("parent", read_only=True),
            ],
            heading="网站身份（由平台管理员在开设网站时确定）",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organizer"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                FieldPanel("default_source"),
            ],
            heading="主办与联系",
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_number")], heading="备案信息"
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("mourning_mode"), FieldPanel("sort_order")],
            heading="外观",
        ),
    ]
