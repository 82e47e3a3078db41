"""Dashboard panels per role (issue 15 item 10).

Editors: 我的草稿 (here), the pages they have in review (Wagtail's panel, translated) and the
submissions sent back (cms.review's 被退回的稿件). Moderators: what awaits their review (Wagtail's
panel) and the 依申请公开 cases of their sites due soon or overdue (here). Platform administrators:
the cluster's health (here). The site summary counts are Chinese (summary items below)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from sites.scope import is_platform_admin, moderated_sites

DRAFT_ROWS = 10
CASE_ROWS = 10


class DraftsPanel(Component):
    """Pages the user last edited whose latest revision is not published and not in review."""

    name = "adminui_drafts"
    order = 45
    template_name = "adminui/panels/drafts.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        # WorkflowState.object_id is a string: compare with the page id cast, as Wagtail does.
        in_review = WorkflowState.objects.active().filter(
            base_content_type_id=get_default_page_content_type().id,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        drafts = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=self.user)
            .exclude(Exists(in_review))
            .select_related("latest_revision")
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
        )
        rows = list(drafts[: DRAFT_ROWS + 1])
        return {"rows": rows[:DRAFT_ROWS], "more": len(rows) > DRAFT_ROWS}


class DueRequestsPanel(Component):
    """依申请公开 cases of the user's moderated sites due within the warning period or overdue."""

    name = "adminui_due_requests"
    order = 35
    template_name = "adminui/panels/due_requests.html"

    def __init__(self, cases, today) -> None:
        self.cases = cases
        self.today = today

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        from cms.requests.admin_views import NAMESPACE

        rows = [
            {
                "case": case,
                "url": reverse(f"{NAMESPACE}:case", args=[case.pk]),
                "flags": case.flags(self.today),
                "deadline": case.next_deadline,
            }
            for case in self.cases
        ]
        rows.sort(key=lambda row: row["deadline"] or self.today)
        return {"rows": rows, "list_url": reverse(f"{NAMESPACE}:index")}


def due_cases(user, today):
    from cms.requests.models import RequestCase

    cases = RequestCase.objects.filter(site__in=moderated_sites(user))
    return (
        (cases.flag_overdue(today) | cases.flag_due_soon(today))
        .select_related("site", "organisation")
        .distinct()
    )


class ClusterHealthPanel(Component):
    """The platform administrator's view of the cluster: sites, the latest inspection of each
    (single vetoes, stale and empty columns), failed new-media pushes, and the task queue."""

    name = "adminui_cluster_health"
    order = 20
    template_name = "adminui/panels/cluster_health.html"

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        from django.db.models import Max
        from django_tasks_db.models import DBTaskResult, get_date_max

        from cms.audit import rules
        from cms.audit.models import AuditRun, FindingRecord
        from cms.newmedia.models import OutboxEntry, State
        from sites.models import SiteProfile

        # Each site's latest snapshot (the worker takes one a day; see cms.audit.tasks).
        latest = AuditRun.objects.filter(site=OuterRef("site")).order_by("-run_date")
        runs = AuditRun.objects.filter(run_date=Subquery(latest.values("run_date")[:1]))
        stale_codes = [
            rules.DYNAMIC_COLUMN_STALE.code,
            rules.NOTICE_COLUMN_STALE.code,
            rules.LONG_STALE_COLUMN.code,
        ]
        findings = FindingRecord.objects.filter(run__in=runs)
        now = timezone.now()
        day_ago, hour_ago = now - dt.timedelta(days=1), now - dt.timedelta(hours=1)
        ready = DBTaskResult.objects.ready()
        return {
            "sites": SiteProfile.objects.count(),
            "audited": runs.count(),
            "vetoed": runs.filter(veto=True).count(),
            "last_run": runs.aggregate(last=Max("run_date"))["last"],
            "stale_columns": findings.filter(rule_code__in=stale_codes).count(),
            "empty_columns": findings.filter(rule_code=rules.EMPTY_COLUMN.code).count(),
            "failed_pushes": OutboxEntry.objects.filter(state=State.FAILED).count(),
            "waiting_tasks": ready.count(),
            # Due for an hour and not picked up: the worker (db_worker) is not running.
            "stuck_tasks": ready.filter(
                Q(run_after__lt=hour_ago) | Q(run_after=get_date_max(), enqueued_at__lt=hour_ago)
            ).count(),
            "failed_tasks": DBTaskResult.objects.failed().filter(finished_at__gte=day_ago).count(),
            "audit_url": reverse("audit:overview"),
            "outbox_url": reverse("newmedia_outbox:index") + "?state=failed",
        }


def construct_panels(request, panels: list) -> None:
    user = request.user
    panels.append(DraftsPanel(user))
    if moderated_sites(user).exists():
        from cms.audit.engine import today_local

        today = today_local()
        cases = list(due_cases(user, today)[:CASE_ROWS])
        if cases:
            panels.append(DueRequestsPanel(cases, today))
    if is_platform_admin(user):
        panels.append(ClusterHealthPanel())


class CountItem(SummaryItem):
    """One of Wagtail's site summary counts, shown in Chinese ("223 个页面") instead of its
    English plural forms; the count, its scope and who sees it stay Wagtail's."""

    template_name = "adminui/summary_item.html"

    def __init__(self, item: SummaryItem, *, icon: str, label: str, key: str, url: str) -> None:
        super().__init__(item.request)
        self.item, self.order = item, item.order
        self.icon, self.label, self.key, self.url = icon, label, key, url

    def is_shown(self) -> bool:
        return self.item.is_shown()

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        context = self.item.get_context_data(parent_context or {})
        url = self.url
        if self.key == "total_pages":
            root = context.get("root_page")
            url = reverse("wagtailadmin_explore", args=[root.pk]) if root else url
        return {"icon": self.icon, "label": self.label, "count": context[self.key], "url": url}


def construct_summary_items(request, summary_items: list) -> None:
    from wagtail.admin.site_summary import PagesSummaryItem
    from wagtail.documents.wagtail_hooks import DocumentsSummaryItem
    from wagtail.images.wagtail_hooks import ImagesSummaryItem

    kinds = {
        PagesSummaryItem: ("doc-empty", "个页面", "total_pages", "wagtailadmin_explore_root"),
        ImagesSummaryItem: ("image", "张图片", "total_images", "wagtailimages:index"),
        DocumentsSummaryItem: ("doc-full-inverse", "个文档", "total_docs", "wagtaildocs:index"),
    }
    for index, item in enumerate(summary_items):
        kind = kinds.get(type(item))
        if kind:
            icon, label, key, url_name = kind
            summary_items[index] = CountItem(
                item, icon=icon, label=label, key=key, url=reverse(url_name)
            )
