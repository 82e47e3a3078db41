"""Admin screens for organisations (机构) and the 主题分类 taxonomy. Organisations are scoped by
site: a site's editors see its organisations, its moderators (site administrators) also add,
change and delete them; superusers manage all."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.admin_scoping import ScopedModelViewSet
from cms.disclosure.models import Organisation, Topic
from sites.scope import SiteScopedPolicy


class OrganisationPermissionPolicy(SiteScopedPolicy):
    """Per site (sites.scope): editors read their sites' rows, moderators manage them."""


organisation_permission_policy = OrganisationPermissionPolicy(Organisation)


class OrganisationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = organisation_permission_policy.sites(
                self.for_user, {"change"}
            )
        if self.for_user is not None and "parent" in self.fields:
            parents = organisation_permission_policy.instances_user_has_any_permission_for(
                self.for_user, {"view"}
            )
            if self.instance.pk:
                parents = parents.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = parents


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return organisation_permission_policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        ).select_related("site", "parent")


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = "机构"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    permission_policy = organisation_permission_policy
    index_view_class = OrganisationIndexView
    list_display = ["name", "short_name", "credit_code", "site", "parent"]
    search_fields = ["name", "short_name", "credit_code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("short_name"),
                    FieldPanel("credit_code"),
                    FieldPanel("parent"),
                    FieldPanel("site"),
                    FieldPanel("sort_order"),
                ],
                heading="机构信息",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("office_name"),
                    FieldPanel("office_address"),
                    FieldPanel("office_postcode"),
                    FieldPanel("office_hours"),
                    FieldPanel("office_phone"),
                    FieldPanel("office_fax"),
                    FieldPanel("office_email"),
                    FieldPanel("office_online"),
                ],
                heading="政府信息公开工作机构（显示在公开指南中）",
            ),
        ],
        base_form_class=OrganisationForm,
    )


class TopicViewSet(ModelViewSet):
    """Only users with the model permissions (superusers by default) edit the shared taxonomy."""

    model = Topic
    icon = "tag"
    menu_label = "主题分类"
    menu_order = 161
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["path_label", "sort_order"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("sort_order")]
