"""The 检查评估 admin: the cluster overview (sortable, filterable), each site's scorecard (single-
veto status, score, findings since when open with the link that fixes them, punctuality register,
monthly trends) and the CSV/XLSX exports. Every view is read-only and scoped by cms.audit.access:
another site's scorecard is a 404 for site staff."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.audit import charts, exports
from cms.audit.access import can_view_all, visible_sites
from cms.audit.engine import AuditResult, run_audit, today_local
from cms.audit.external_links import last_check
from cms.audit.history import ensure_today, record
from cms.audit.models import AuditRun, FindingRecord
from cms.audit.public import PATH as PUBLIC_PATH
from cms.audit.public import is_enabled
from cms.audit.rules import Severity
from sites.models import SiteLevel
from sites.scope import sites_for_user

NAMESPACE = "audit"
SORTS = {
    "name": lambda row: (row["profile"].sort_order, row["profile"].pk),
    "score": lambda row: row["run"].score,
    "veto": lambda row: (not row["run"].veto, row["run"].score),
    "late": lambda row: row["run"].late,
    "punctuality": lambda row: _rate(row["run"]) if _rate(row["run"]) is not None else 101,
    "findings": lambda row: row["run"].veto_count + row["run"].deduction_count,
}
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rate(run: AuditRun) -> float | None:
    total = run.on_time + run.late
    return round(100 * run.on_time / total, 1) if total else None


def _site_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(visible_sites(request.user), pk=pk)


def chain_status() -> dict | None:
    """Whether the publication log verifies, when that app is installed."""
    if not apps.is_installed("cms.publication_log"):
        return None
    from cms.publication_log.chain import describe, verify_chain  # type: ignore[import-not-found]

    outcome = verify_chain()
    entry = outcome.first_broken
    return {
        "ok": bool(outcome.ok),
        "checked": outcome.checked,
        "first_broken": describe(entry) if entry is not None else "",
        "reason": "" if outcome.ok else outcome.reason,
    }


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/overview.html"
    page_title = "检查评估"
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": "", "label": "检查评估"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        today = today_local()
        profiles = list(visible_sites(request.user))
        level = request.GET.get("level", "")
        status = request.GET.get("status", "")
        query = request.GET.get("q", "").strip()
        if level in SiteLevel.values:
            profiles = [p for p in profiles if p.level == level]
        if query:
            profiles = [
                p for p in profiles if query in p.canonical_name or query in p.site.hostname
            ]
        ensure_today(profiles, today)
        runs = {
            run.site_id: run for run in AuditRun.objects.filter(site__in=profiles, run_date=today)
        }
        rows = [
            {"profile": p, "run": runs[p.pk], "rate": _rate(runs[p.pk])}
            for p in profiles
            if p.pk in runs
        ]
        if status == "veto":
            rows = [r for r in rows if r["run"].veto]
        elif status == "pass":
            rows = [r for r in rows if not r["run"].veto]
        sort = request.GET.get("sort", "name")
        key = sort.lstrip("-")
        if key in SORTS:
            rows.sort(key=SORTS[key], reverse=sort.startswith("-"))
        context.update(
            rows=rows,
            today=today,
            levels=SiteLevel.choices,
            level=level,
            status=status,
            q=query,
            sort=sort,
            sorts=[
                ("name", "网站"),
                ("veto", "单项否决"),
                ("score", "得分"),
                ("findings", "发现项"),
                ("punctuality", "按时公开率"),
                ("late", "逾期公开"),
            ],
            view_all=can_view_all(request.user),
            vetoed=sum(1 for r in rows if r["run"].veto),
            chain=chain_status(),
            platform=run_audit([], today).platform,
        )
        return context


class ScorecardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/scorecard.html"
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.profile = _site_or_404(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"{self.profile.canonical_name} 检查评估"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:overview"), "label": "检查评估"},
            {"url": "", "label": self.profile.canonical_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = today_local()
        result = run_audit([self.profile], today, rendered=True)
        record(result)
        site = result.sites[0]
        seen = dict(
            FindingRecord.objects.filter(run__site=self.profile, run__run_date=today).values_list(
                "key", "first_seen"
            )
        )
        runs = list(
            AuditRun.objects.filter(site=self.profile).values(
                "run_date", "veto_count", "deduction_count", "warning_count"
            )
        )
        context.update(
            profile=self.profile,
            site=site,
            today=today,
            findings=[(f, seen.get(f.key, today)) for f in site.findings],
            platform=result.platform,
            counts={s.value: site.count(s) for s in Severity},
            register=site.register,
            punctuality_chart=charts.bar_chart(
                charts.punctuality_by_month(site.register, today),
                title="近12个月按时公开率（%）",
                maximum=100,
            ),
            findings_chart=charts.bar_chart(
                charts.findings_by_month(runs, today), title="近12个月发现项（每月最后一次检查）"
            ),
            chain=chain_status(),
            link_check=last_check(self.profile.pk),
            transparency=is_enabled(self.profile),
            public_url=f"{self.profile.site.root_url}/{PUBLIC_PATH}",
            can_switch_transparency=can_switch_transparency(self.request.user, self.profile),
        )
        return context


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.{fmt}"
    return response


def _finding_rows(result: AuditResult, today) -> list[list[str]]:
    names = {s.site.id: s.site.name for s in result.sites}
    seen: dict[tuple[int, str], object] = {
        (site_id, key): first
        for site_id, key, first in FindingRecord.objects.filter(
            run__site_id__in=list(names), run__run_date=today
        ).values_list("run__site_id", "key", "first_seen")
    }
    rows = [exports.finding_row(f, names) for f in result.platform]
    for s in result.sites:
        rows += [exports.finding_row(f, names, seen.get((s.site.id, f.key))) for f in s.findings]
    return rows


def findings_export(request: HttpRequest, fmt: str, pk: int | None = None) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404("不支持的导出格式。")
    today = today_local()
    profiles = [_site_or_404(request, pk)] if pk else list(visible_sites(request.user))
    result = run_audit(profiles, today, rendered=True)
    record(result)
    rows = _finding_rows(result, today)
    name = f"audit-findings-{today:%Y%m%d}" + (f"-{profiles[0].site.hostname}" if pk else "")
    if fmt == "csv":
        return _download(exports.to_csv(exports.FINDING_HEADERS, rows), fmt, name)
    return _download(exports.to_xlsx("检查发现", exports.FINDING_HEADERS, rows), fmt, name)


def register_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404("不支持的导出格式。")
    profile = _site_or_404(request, pk)
    today = today_local()
    site = run_audit([profile], today).sites[0]
    rows = [exports.register_row(row) for row in site.register]
    name = f"punctuality-{profile.site.hostname}-{today:%Y%m%d}"
    if fmt == "csv":
        return _download(exports.to_csv(exports.REGISTER_HEADERS, rows), fmt, name)
    return _download(exports.to_xlsx("按时公开登记", exports.REGISTER_HEADERS, rows), fmt, name)


def can_switch_transparency(user, profile) -> bool:
    """The site's moderators (and superusers) decide; auditors and editors only read."""
    return sites_for_user(user, moderated_only=True).filter(pk=profile.pk).exists()


@require_POST
def transparency_switch(request: HttpRequest, pk: int) -> HttpResponse:
    from cms.audit.models import PublicTransparency

    profile = _site_or_404(request, pk)
    if not can_switch_transparency(request.user, profile):
        raise PermissionDenied
    enabled = request.POST.get("enabled") == "1"
    PublicTransparency.objects.update_or_create(
        site=profile, defaults={"enabled": enabled, "updated_by": request.user.get_username()}
    )
    messages.success(
        request, "已在网站公开主动公开按时情况。" if enabled else "已停止公开主动公开按时情况。"
    )
    return redirect(f"{NAMESPACE}:scorecard", profile.pk)


def require_visible(view):
    """Only users who can see at least one scorecard reach the audit admin at all."""

    def wrapped(request: HttpRequest, *args, **kwargs):
        if not visible_sites(request.user).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("", require_visible(OverviewView.as_view()), name="overview"),
    path("findings.<str:fmt>", require_visible(findings_export), name="findings_export"),
    path("site/<int:pk>/", require_visible(ScorecardView.as_view()), name="scorecard"),
    path(
        "site/<int:pk>/findings.<str:fmt>",
        require_visible(findings_export),
        name="site_findings_export",
    ),
    path(
        "site/<int:pk>/transparency/",
        require_visible(transparency_switch),
        name="transparency_switch",
    ),
    path(
        "site/<int:pk>/register.<str:fmt>",
        require_visible(register_export),
        name="register_export",
    ),
]
