"""Who may do what on which site. Each site has an editors group and a moderators group (its
administrators); their page, collection and workflow permissions are rooted at that site's home
and collection only, and the profile admin lets only a site's moderators change its profile."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from sites.scope import SiteScopedPolicy, sites_for_user

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
# Only moderators publish: an editor's change reaches the public only through review.
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
MODERATOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image", "delete_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document", "delete_document"),
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_site_permissions(
    *, site_name: str, home: Page, collection: Collection
) -> tuple[Group, Group]:
    """Create the site's editors and moderators groups with rights on its pages and collection
    (its review workflow is cms.review.provisioning's, once the profile exists)."""
    access_admin = _permission("wagtailadmin", "access_admin")
    editors = Group.objects.create(name=f"{site_name}·编辑")
    moderators = Group.objects.create(name=f"{site_name}·审核")
    for group, page_codenames, collection_perms in (
        (editors, EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS, MODERATOR_COLLECTION_PERMISSIONS),
    ):
        group.permissions.add(access_admin)
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(
                group=group, page=home, permission=_permission("wagtailcore", codename)
            )
            for codename in page_codenames
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
            for app_label, codenames in collection_perms.items()
            for codename in codenames
        )
    return editors, moderators


class SiteProfilePermissionPolicy(SiteScopedPolicy):
    """Superusers manage every profile; a site's moderators may view and change their own."""

    site_path = "pk"
    actions = frozenset({"view", "change"})
    editor_actions = frozenset()


__all__ = ["SiteProfilePermissionPolicy", "grant_site_permissions", "sites_for_user"]
