"""The one site-scoping policy of the admin: which sites a user edits, moderates or reads, and how
any queryset (pages, documents, images, site rows, log entries, workflow states) is narrowed to
them. Every admin screen, chooser, API endpoint and report asks here; each domain keeps its own
rule of *what* a role may do (sites.permissions grants the page and collection rights), this
module says *where*.

Roles: a site's editors group and moderators group (its administrators) are its staff; superusers
(平台管理员) reach every site; holders of a domain's read-all permission (the 审计员 group) read
every site of that domain and change nothing. Another site's row is absent, as if missing (404),
never shown with a "no permission" note that would leak its title."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.models import Collection, CollectionViewRestriction, Page, Task, Workflow
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

READ_ACTIONS = frozenset({"view"})


def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


SITE_IDS_CACHE = "_jiyue_site_ids"


def _staff_site_ids(user) -> tuple[frozenset[int], frozenset[int]]:
    """(sites whose staff the user is, sites the user moderates), read once per user object and
    kept on it, as Django keeps its permission cache: every admin page asks this for each menu
    item, filter and row. A request loads its own user, so a group change shows at the next."""
    cached = getattr(user, SITE_IDS_CACHE, None)
    if cached is None:
        from sites.models import SiteProfile

        group_ids = set(user.groups.values_list("pk", flat=True))
        staff: set[int] = set()
        moderated: set[int] = set()
        rows = SiteProfile.objects.filter(
            Q(editors_group__in=group_ids) | Q(moderators_group__in=group_ids)
        ).values_list("pk", "moderators_group_id")
        for pk, moderators_group_id in rows:
            staff.add(pk)
            if moderators_group_id in group_ids:
                moderated.add(pk)
        cached = (frozenset(staff), frozenset(moderated))
        setattr(user, SITE_IDS_CACHE, cached)
    return cached


def sites_for_user(user, *, moderated_only: bool = False) -> QuerySet:
    """The site profiles whose staff the user is: every site for superusers; for others the
    sites whose editors or (with `moderated_only`, only) moderators group they belong to."""
    from sites.models import SiteProfile

    if not (user.is_authenticated and user.is_active):
        return SiteProfile.objects.none()
    if user.is_superuser:
        return SiteProfile.objects.all()
    staff, moderated = _staff_site_ids(user)
    return SiteProfile.objects.filter(pk__in=sorted(moderated if moderated_only else staff))


def moderated_sites(user) -> QuerySet:
    return sites_for_user(user, moderated_only=True)


def sites_for_actions(user, actions: Iterable[str], editor_actions=READ_ACTIONS) -> QuerySet:
    """Editors may do `editor_actions` (by default: read) on their sites' rows; anything else is
    for the site's moderators. `editor_actions=None` lets editors do every action."""
    editors_too = editor_actions is None or set(actions) <= set(editor_actions)
    return sites_for_user(user, moderated_only=not editors_too)


def reads_all_sites(user, permission: str | None) -> bool:
    """Superusers, and holders of `permission` (a domain's read-all right, the 审计员 role)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(permission and user.has_perm(permission))


def readable_sites(user, permission: str | None = None) -> QuerySet:
    from sites.models import SiteProfile

    return SiteProfile.objects.all() if reads_all_sites(user, permission) else sites_for_user(user)


def site_staff_users(*, moderators_only: bool = False) -> QuerySet:
    """Active users who are staff of some site (or superusers): `users_with_any_permission`."""
    from sites.models import SiteProfile

    groups = list(SiteProfile.objects.values_list("moderators_group", flat=True))
    if not moderators_only:
        groups += list(SiteProfile.objects.values_list("editors_group", flat=True))
    users = get_user_model().objects.filter(is_active=True)
    return (users.filter(is_superuser=True) | users.filter(groups__in=groups)).distinct()


# --- pages ---------------------------------------------------------------------------------


def site_root_paths(sites: QuerySet) -> list[str]:
    return list(sites.exclude(site=None).values_list("site__root_page__path", flat=True))


def below_paths(paths: Iterable[str], field: str = "path") -> Q:
    """Rows whose tree path (`field`) starts with one of `paths`; nothing when there are none."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def pages_for_user(user, queryset: QuerySet | None = None) -> QuerySet:
    """`queryset` (pages) narrowed to the sites the user is staff of."""
    queryset = Page.objects.all() if queryset is None else queryset
    if is_platform_admin(user):
        return queryset
    return queryset.filter(below_paths(site_root_paths(sites_for_user(user))))


def page_ids_for_user(user) -> QuerySet:
    return pages_for_user(user).values("pk")


def page_in_sites(page: Page, sites: QuerySet) -> bool:
    return any(page.path.startswith(path) for path in site_root_paths(sites))


# --- collections: documents and images -----------------------------------------------------


def collections_for_user(user) -> QuerySet:
    """The collections of the user's sites (each site's collection and those below it)."""
    if is_platform_admin(user):
        return Collection.objects.all()
    paths = sites_for_user(user).exclude(collection=None).values_list("collection__path", flat=True)
    return Collection.objects.filter(below_paths(paths))


def restricted_collections() -> QuerySet:
    """Collections with a view restriction and those below them: 答复书 and other case documents
    (cms.requests.documents) live there. They are never offered for linking into pages."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    return Collection.objects.filter(below_paths(paths))


def collection_items_for_user(user, queryset: QuerySet) -> QuerySet:
    """Documents or images (`queryset`) in the collections of the user's sites."""
    if is_platform_admin(user):
        return queryset
    return queryset.filter(collection__in=collections_for_user(user))


def choosable(user, queryset: QuerySet) -> QuerySet:
    """What choosers and the admin API offer: the user's sites' files, never restricted ones."""
    return collection_items_for_user(user, queryset).exclude(
        collection__in=restricted_collections()
    )


class ScopedCollectionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection rights on documents or images, within the user's sites' collections
    only; choosing alone (the choosers' chosen and select-format views) never reaches restricted
    files. A right granted on the root collection (Wagtail's migrations give every group with
    admin access `choose` there, the 审计员 group included) thus reaches no other site's file."""

    def _narrow(self, user, actions, queryset: QuerySet) -> QuerySet:
        if set(actions) <= {"choose"}:
            return choosable(user, queryset)
        return collection_items_for_user(user, queryset)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return self._narrow(
            user, actions, super().instances_user_has_any_permission_for(user, actions)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        return self._narrow(
            user, actions, type(instance)._default_manager.filter(pk=instance.pk)
        ).exists()


# --- workflows and their tasks -------------------------------------------------------------


def workflows_for_user(user) -> QuerySet:
    """The workflows assigned to pages of the user's sites (every workflow for superusers)."""
    if is_platform_admin(user):
        return Workflow.objects.all()
    return Workflow.objects.filter(workflow_pages__page__in=page_ids_for_user(user)).distinct()


def tasks_for_user(user) -> QuerySet:
    if is_platform_admin(user):
        return Task.objects.all()
    return Task.objects.filter(workflow_tasks__workflow__in=workflows_for_user(user)).distinct()


def users_for_user(user) -> QuerySet:
    """Whose names a user may see in filter lists: the staff of the user's own sites."""
    users = get_user_model().objects.all()
    if is_platform_admin(user):
        return users
    groups = [
        group
        for pair in sites_for_user(user).values_list("editors_group", "moderators_group")
        for group in pair
        if group
    ]
    return (users.filter(groups__in=groups) | users.filter(pk=user.pk)).distinct()


# --- rows carrying a site ------------------------------------------------------------------


class SiteScopedPolicy(BasePermissionPolicy):
    """Rows reaching a SiteProfile through `site_path` ("site", "account__site"; for rows keyed
    by a Wagtail Site set `site_key = "site_id"`). Superusers do everything. Staff of a site:
    editors do `editor_actions` (None: all), moderators every action in `actions` (None: all);
    `denied_actions` nobody does in the admin. `read_all_permission` holders read every site."""

    site_path = "site"
    site_key = "pk"
    actions: frozenset[str] | None = None
    editor_actions: frozenset[str] | None = READ_ACTIONS
    denied_actions: frozenset[str] = frozenset()
    read_all_permission: str | None = None

    def __init__(self, model, site_path: str | None = None) -> None:
        super().__init__(model)
        if site_path is not None:
            self.site_path = site_path

    def _permitted(self, actions) -> set[str]:
        permitted = set(actions) - set(self.denied_actions)
        return permitted if self.actions is None else permitted & set(self.actions)

    def sites(self, user, actions) -> QuerySet:
        """The sites on which the user may do one of `actions` to this model's rows."""
        from sites.models import SiteProfile

        permitted = self._permitted(actions)
        if not permitted:
            return SiteProfile.objects.none()
        if permitted <= READ_ACTIONS and reads_all_sites(user, self.read_all_permission):
            return SiteProfile.objects.all()
        return sites_for_actions(user, permitted, self.editor_actions)

    def user_has_permission(self, user, action: str) -> bool:
        if is_platform_admin(user):
            return action not in self.denied_actions
        permitted = self._permitted({action})
        if not (permitted and user.is_authenticated and user.is_active):
            return False
        if permitted <= READ_ACTIONS and reads_all_sites(user, self.read_all_permission):
            return True
        # Answered from the user's cached site ids (no query): every menu item asks this.
        staff, moderated = _staff_site_ids(user)
        editors_too = self.editor_actions is None or permitted <= set(self.editor_actions)
        return bool(staff if editors_too else moderated)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        objects = self.model._default_manager.all()
        if is_platform_admin(user):
            return objects if self._permitted(actions) else objects.none()
        sites = self.sites(user, actions).values(self.site_key)
        return objects.filter(**{f"{self.site_path}__in": sites})

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        allowed = self.instances_user_has_any_permission_for(user, {action})
        return allowed.filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def users_with_any_permission(self, actions):
        permitted = self._permitted(actions)
        if not permitted:
            return get_user_model().objects.filter(is_active=True, is_superuser=True)
        editors_too = self.editor_actions is None or permitted <= set(self.editor_actions)
        return site_staff_users(moderators_only=not editors_too)
