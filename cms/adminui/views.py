"""The editor's guide (帮助 › 编辑指南): a page of the admin, served by the project."""

from __future__ import annotations

from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "adminui/guide.html"
    page_title = "编辑指南"
    header_icon = "help"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]


guide = GuideView.as_view()
