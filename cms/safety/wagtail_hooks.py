"""Admin integration: the 内容安全 menu (lists and override record), the 内容安全检查 button of
every page, and the findings shown as a warning whenever a draft with findings is saved."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.safety import views
from cms.safety.gate import open_findings


@hooks.register("register_admin_viewset")
def register_safety_viewsets():
    return views.SafetyViewSetGroup()


@hooks.register("register_admin_urls")
def safety_urls():
    return [path("safety/pages/<int:page_id>/", views.page_check, name="safety_page_check")]


class SafetyCheckMenuItem(PageMenuItem):
    label = "内容安全检查"
    icon_name = "warning"
    priority = 64

    @property
    def url(self) -> str:
        return reverse("safety_page_check", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def safety_header_button(page, user, view_name, next_url=None):
    yield SafetyCheckMenuItem(page=page)


def warn_about_findings(request, page) -> None:
    """Saving a draft is never refused; the findings are listed so nothing comes as a surprise
    at submission or publication."""
    findings = open_findings(page)
    if findings:
        url = reverse("safety_page_check", args=[page.pk])
        messages.warning(
            request,
            f"草稿已保存，但内容安全检查发现 {len(findings)} 处问题，提交审核或发布前须修改"
            f"（或由审核人员在“内容安全检查” {url} 记录豁免理由）："
            + "；".join(finding.message for finding in findings),
        )


@hooks.register("after_edit_page")
def after_edit(request, page):
    warn_about_findings(request, page)


@hooks.register("after_create_page")
def after_create(request, page):
    warn_about_findings(request, page)
