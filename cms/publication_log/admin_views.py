"""Admin screens (发布记录 menu): the log listed newest first per site the user may read, a check of
the whole chain on request, and the CSV download with its verification note."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.pagination import page_of
from cms.publication_log.access import (
    can_read_log,
    entries_for_user,
    readable_sites,
    reads_all_sites,
)
from cms.publication_log.chain import verify_chain
from cms.publication_log.export import csv_rows
from cms.publication_log.models import BACKDATING_RULE, RETENTION_RULE
from sites.models import SiteProfile

NAMESPACE = "publication_log"
PAGE_SIZE = 50


def _selected_site(request: HttpRequest) -> SiteProfile | None:
    """The `?site=` filter, among the sites the user may read; another site's id is a 404."""
    value = request.GET.get("site", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404("网站参数无效。")
    return get_object_or_404(readable_sites(request.user), pk=int(value))


class _LogAccessMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_read_log(request.user):
            raise PermissionDenied("您没有查看发布记录的权限。")
        self.profile = _selected_site(request)
        return super().dispatch(request, *args, **kwargs)

    def scope_label(self) -> str:
        if self.profile is not None:
            return f"{self.profile.canonical_name}（仅本网站记录；前后链接需在完整链中复算）"
        if reads_all_sites(self.request.user):
            return "全部网站（完整链）"
        names = "、".join(p.canonical_name for p in readable_sites(self.request.user))
        return f"{names}（仅本人可查看网站的记录；前后链接需在完整链中复算）"


class LogIndexView(_LogAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "publication_log/admin/index.html"
    page_title = "发布记录"
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": "", "label": "发布记录"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = entries_for_user(self.request.user, self.profile).order_by("-seq")
        page = page_of(entries, self.request.GET.get("p"), PAGE_SIZE)
        site_names = dict(SiteProfile.objects.values_list("site_id", "canonical_name"))
        rows = [(entry, site_names.get(entry.site_id, "—")) for entry in page.object_list]
        context.update(
            page=page,
            rows=rows,
            sites=readable_sites(self.request.user).order_by("sort_order", "pk"),
            profile=self.profile,
            export_url=reverse(f"{NAMESPACE}:export"),
            rules=f"{RETENTION_RULE}；{BACKDATING_RULE}",
            result=verify_chain() if self.request.GET.get("verify") else None,
        )
        return context


class _Echo:
    def write(self, value: str) -> str:
        return value


class LogExportView(_LogAccessMixin, TemplateView):
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        import csv

        writer = csv.writer(_Echo())
        entries = entries_for_user(request.user, self.profile)
        rows = csv_rows(entries, scope=self.scope_label())

        def lines():
            yield "\ufeff"
            for row in rows:
                yield writer.writerow(row)

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        suffix = f"-{self.profile.site.hostname}" if self.profile else ""
        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="publication-log{suffix}-{stamp}.csv"'
        )
        return response


class LogMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_read_log(request.user)


def urlpatterns():
    return [
        path("", LogIndexView.as_view(), name="index"),
        path("export.csv", LogExportView.as_view(), name="export"),
    ]
