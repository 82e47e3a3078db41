"""Admin views of 信息报送: submitting a page (its 信息报送 page action), the lists of sent and
received submissions, a submission with the read-only item and the decision, the 接收规则 of a
receiving site, and the 信息报送考核 statistics with their exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from cms.audit.exports import to_csv, to_xlsx
from cms.sharing import access
from cms.sharing.forms import DecisionForm, PolicyForm, SubmitForm
from cms.sharing.models import SharingPolicy, Status, Submission
from cms.sharing.operations import (
    SharingError,
    accept,
    can_be_shared,
    reject,
    submit,
    target_columns,
)
from cms.sharing.stats import HEADERS, monthly_rows

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RELATED = ("page", "source_site", "target_site", "target_column", "submitted_by", "decided_by")


def _shareable_page(request: HttpRequest, page_id: int) -> Page:
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def submit_page(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _shareable_page(request, page_id)
    history = Submission.objects.filter(page=page).select_related(*RELATED)
    form = None
    if can_be_shared(page):
        form = SubmitForm(request.POST or None, columns=target_columns(page))
        if request.method == "POST" and form.is_valid():
            try:
                submission = submit(
                    page,
                    form.cleaned_data["column"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except SharingError as error:
                form.add_error(None, str(error))
            else:
                done = (
                    "已被自动采用" if submission.status == Status.ACCEPTED else "已报送，等待审核"
                )
                messages.success(request, f"“{page.title}”{done}。")
                return redirect(reverse("sharing:submit", args=[page.pk]))
    return TemplateResponse(
        request, "sharing/admin/submit.html", {"page": page, "form": form, "history": history}
    )


def submission_list(request: HttpRequest) -> HttpResponse:
    box = request.GET.get("box", "received")
    if box not in {"received", "sent"}:
        box = "received"
    submissions = access.received(request.user) if box == "received" else access.sent(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        submissions = submissions.filter(status=status)
    return TemplateResponse(
        request,
        "sharing/admin/list.html",
        {
            "box": box,
            "status": status,
            "statuses": Status.choices,
            "submissions": submissions.select_related(*RELATED)[:200],
            "pending_received": access.received(request.user).filter(status=Status.PENDING).count(),
        },
    )


def _visible_submission(request: HttpRequest, pk: int) -> Submission:
    submission = access.visible(request.user).select_related(*RELATED).filter(pk=pk).first()
    if submission is None:
        raise Http404("没有这条报送记录。")
    return submission


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible_submission(request, pk)
    may_decide = access.may_decide(request.user, submission)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    accept(submission, user=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, f"已采用“{submission.title}”。")
                else:
                    reject(submission, user=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, f"已退回“{submission.title}”。")
            except SharingError as error:
                form.add_error(None, str(error))
            else:
                return redirect(reverse("sharing:detail", args=[submission.pk]))
    # Read-only: the receiving moderator reads the item here, not in the other site's editor.
    item = submission.page.specific if submission.page is not None else None
    history = (
        Submission.objects.filter(page_id=submission.page_id, target_site=submission.target_site)
        .select_related(*RELATED)
        .order_by("-submitted_at", "-pk")
        if submission.page_id
        else [submission]
    )
    return TemplateResponse(
        request,
        "sharing/admin/detail.html",
        {
            "submission": submission,
            "item": item,
            "item_url": item.get_full_url(request) if item is not None and item.live else "",
            "history": history,
            "form": form if may_decide and submission.status == Status.PENDING else None,
        },
    )


def policy(request: HttpRequest) -> HttpResponse:
    """接收规则 of the sites the user moderates (one form per site, `site` picks it)."""
    sites = Site.objects.filter(pk__in=access.moderated_site_ids(request.user)).order_by(
        "site_name", "pk"
    )
    if not sites:
        raise PermissionDenied
    site = sites.filter(pk=request.GET.get("site") or sites[0].pk).first() or sites[0]
    rule, _ = SharingPolicy.objects.get_or_create(site=site)
    form = PolicyForm(
        request.POST or None, site=site, initial={"auto_accept_from": rule.auto_accept_from.all()}
    )
    if request.method == "POST" and form.is_valid():
        rule.auto_accept_from.set(form.cleaned_data["auto_accept_from"])
        messages.success(request, f"已保存{site.site_name}的报送接收规则。")
        return redirect(f"{reverse('sharing:policy')}?site={site.pk}")
    return TemplateResponse(
        request, "sharing/admin/policy.html", {"form": form, "site": site, "sites": sites}
    )


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def statistics(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = monthly_rows(access.visible(request.user), year)
    return TemplateResponse(
        request,
        "sharing/admin/stats.html",
        {"rows": rows, "year": year, "headers": HEADERS, "years": range(year - 3, year + 1)},
    )


def statistics_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404("不支持的导出格式。")
    year = _year(request)
    rows = [row.cells() for row in monthly_rows(access.visible(request.user), year)]
    data = to_csv(HEADERS, rows) if fmt == "csv" else to_xlsx("信息报送考核", HEADERS, rows)
    response = HttpResponse(data, content_type=EXPORT_TYPES[fmt])
    name = f"xinxibaosong-{year}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response
