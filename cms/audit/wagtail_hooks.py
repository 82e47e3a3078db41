"""Registers the 检查评估 admin: URLs, the menu item (for anyone who can see a scorecard) and the
dashboard panel with the user's own sites' scorecard summary."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.audit import admin_views
from cms.audit.access import visible_sites

DASHBOARD_ROWS = 10


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [path("audit/", include((admin_views.urlpatterns, admin_views.NAMESPACE)))]


class AuditMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return visible_sites(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_audit_menu_item() -> MenuItem:
    return AuditMenuItem(
        "检查评估", reverse("audit:overview"), name="audit", icon_name="tasks", order=230
    )


class ScorecardPanel(Component):
    name = "audit_scorecard"
    order = 50
    template_name = "audit/dashboard_panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        from cms.audit.engine import today_local
        from cms.audit.history import ensure_today
        from cms.audit.models import AuditRun

        today = today_local()
        profiles = list(visible_sites(self.user)[:DASHBOARD_ROWS])
        ensure_today(profiles, today)
        runs = {r.site_id: r for r in AuditRun.objects.filter(site__in=profiles, run_date=today)}
        rows = [
            {"profile": p, "run": runs[p.pk], "rate": admin_views._rate(runs[p.pk])}
            for p in profiles
            if p.pk in runs
        ]
        total = visible_sites(self.user).count()
        return {"rows": rows, "today": today, "total": total, "more": total > len(rows)}


@hooks.register("construct_homepage_panels")
def add_scorecard_panel(request, panels) -> None:
    if visible_sites(request.user).exists():
        panels.append(ScorecardPanel(request.user))
