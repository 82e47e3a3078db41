"""Registers the site-profile admin and its permission policy."""

from wagtail import hooks
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.images import get_image_model, get_image_model_string
from wagtail.permissions import register_permission_policy

from sites.models import SiteProfile
from sites.scope import ScopedCollectionPolicy, choosable, is_platform_admin, pages_for_user
from sites.views import SiteProfileViewSet, profile_permission_policy

register_permission_policy(SiteProfile, profile_permission_policy)
# Documents and images: Wagtail's collection rights within the user's sites (sites.scope), for
# every view that asks the registry (choosers' chosen and select-format views, file previews).
# `exact_class`: looked up before Wagtail's own registration, whichever app is ready first.
register_permission_policy(
    get_document_model(),
    ScopedCollectionPolicy(
        get_document_model_string(),
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)
register_permission_policy(
    get_image_model(),
    ScopedCollectionPolicy(
        get_image_model_string(),
        auth_model="wagtailimages.Image",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)


@hooks.register("register_admin_viewset")
def register_site_profile_viewset() -> SiteProfileViewSet:
    return SiteProfileViewSet("site_profiles")


# The site scope (sites.scope) on Wagtail's choosers and the admin API behind them: a user's
# sites' files only, never restricted case documents (答复书).
@hooks.register("construct_document_chooser_queryset")
def scope_document_chooser(documents, request):
    return choosable(request.user, documents)


@hooks.register("construct_image_chooser_queryset")
def scope_image_chooser(images, request):
    return choosable(request.user, images)


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router) -> None:
    from sites.admin_views import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet

    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_cluster_reports(request, menu_items) -> None:
    """Page types usage spans the whole cluster: platform administrators only."""
    if not is_platform_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """The page chooser lists the user's sites' pages (it shows draft titles), and the tree root."""
    if is_platform_admin(request.user):
        return pages
    return pages_for_user(request.user, pages) | pages.filter(depth=1)


@hooks.register("before_move_page")
def refuse_moving_what_the_user_may_not_move(request, page_to_move, destination):
    """Wagtail's move confirmation renders the page's (draft) title before anything checks the
    user may move it there: refuse first, so another site's page is never shown."""
    from django.core.exceptions import PermissionDenied

    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
