"""Who may do what on which site. Each site has an editors group and a moderators group (its
administrators); their page, collection and workflow permissions are rooted at that site's home
and collection only, and the profile admin lets only a site's moderators change its profile."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)
from wagtail.permission_policies.base import BasePermissionPolicy

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


def sites_for_user(user, *, moderated_only: bool = False) -> QuerySet:
    """The site profiles whose staff the user is: every site for superusers; for others the
    sites whose editors or (with `moderated_only`, only) moderators group they belong to."""
    from sites.models import SiteProfile

    if not (user.is_authenticated and user.is_active):
        return SiteProfile.objects.none()
    if user.is_superuser:
        return SiteProfile.objects.all()
    groups = user.groups.all()
    moderated = SiteProfile.objects.filter(moderators_group__in=groups)
    if moderated_only:
        return moderated.distinct()
    return (moderated | SiteProfile.objects.filter(editors_group__in=groups)).distinct()


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


class SiteProfilePermissionPolicy(BasePermissionPolicy):
    """Superusers manage every profile; a site's moderators may view and change their own."""

    def _administered(self, user) -> QuerySet:
        return sites_for_user(user, moderated_only=True)

    def user_has_permission(self, user, action: str) -> bool:
        if user.is_active and user.is_superuser:
            return True
        if action in {"change", "view"}:
            return self._administered(user).exists()
        return False

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action in {"add", "delete"}:
            return bool(user.is_active and user.is_superuser)
        return self._administered(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if set(actions) & {"change", "view"}:
            return self._administered(user)
        return self._administered(user) if user.is_superuser else self._administered(user).none()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        from sites.models import SiteProfile

        moderator_groups = SiteProfile.objects.values("moderators_group")
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(is_superuser=True) | users.filter(groups__in=moderator_groups)
