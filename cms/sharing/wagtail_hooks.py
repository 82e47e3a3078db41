"""Admin integration of 信息报送: its URLs, the menu item, the page action 信息报送 (page header
and listing menus) and the log actions that put submissions and decisions in the page history."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.sharing import views
from cms.sharing.operations import ACCEPT_ACTION, REJECT_ACTION, SUBMIT_ACTION
from sites.permissions import sites_for_user

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("page/<int:page_id>/", views.submit_page, name="submit"),
    path("policy/", views.policy, name="policy"),
    path("stats/", views.statistics, name="stats"),
    path("stats/export/<str:fmt>/", views.statistics_export, name="stats_export"),
]


@hooks.register("register_admin_urls")
def sharing_urls():
    return [path("sharing/", include((urlpatterns, "sharing")))]


class SharingMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return sites_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def sharing_menu_item() -> MenuItem:
    return SharingMenuItem(
        "信息报送", reverse("sharing:list"), name="sharing", icon_name="resubmit", order=215
    )


class SubmitMenuItem(PageMenuItem):
    label = "信息报送"
    icon_name = "resubmit"
    priority = 63

    @property
    def url(self) -> str:
        return reverse("sharing:submit", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return (
            self.page.live
            and not self.page.alias_of_id
            and getattr(self.page.specific_class, "is_column_item", False)
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def sharing_header_button(page, user, view_name, next_url=None):
    yield SubmitMenuItem(page=page)


@hooks.register("register_page_listing_more_buttons")
def sharing_listing_button(page, user, next_url=None):
    yield SubmitMenuItem(page=page)


@hooks.register("register_log_actions")
def sharing_log_actions(actions):
    actions.register_action(SUBMIT_ACTION, "信息报送", "已报送")
    actions.register_action(ACCEPT_ACTION, "报送被采用", "报送已被采用")
    actions.register_action(REJECT_ACTION, "报送未被采用", "报送未被采用")
