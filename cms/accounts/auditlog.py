"""审计日志导出: Wagtail's audit log (page and model entries, logins and their failures among
them) as CSV or XLSX for the 审计员 group and platform administrators, filtered by date range,
user, action and site, newest first, streamed so that a year of entries never sits in memory.

A page entry belongs to the site whose tree holds the page; any other entry to the sites of the
account it concerns or of the account that acted (logins, 2FA, lock-outs are about accounts)."""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import json
import tempfile
from collections.abc import Iterator

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from sites.models import SiteProfile

AUDITOR_GROUP = "审计员"  # created by cms/audit/migrations/0002_auditor_group.py
HEADERS = (
    "时间",
    "操作人",
    "操作",
    "操作代码",
    "对象类型",
    "对象",
    "对象ID",
    "网站",
    "来源地址",
    "详细信息",
)
CHUNK = 2000


def can_export(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=AUDITOR_GROUP).exists()


class ExportForm(forms.Form):
    date_from = forms.DateField(
        label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    user = forms.CharField(label="操作人或相关账号（用户名）", required=False, max_length=150)
    action = forms.ChoiceField(label="操作", required=False)
    site = forms.ModelChoiceField(
        label="网站", required=False, queryset=SiteProfile.objects.none(), empty_label="全部网站"
    )
    format = forms.ChoiceField(
        label="格式", choices=(("csv", "CSV"), ("xlsx", "XLSX")), initial="csv"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部操作"), *log_action_registry.get_choices()]
        self.fields["site"].queryset = SiteProfile.objects.select_related("site").order_by(
            "sort_order", "pk"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return data


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_entries(filters: dict) -> tuple[QuerySet, QuerySet]:
    pages = PageLogEntry.objects.annotate(page_path=F("page__path"))
    models = ModelLogEntry.objects.all()
    common = Q()
    if filters.get("date_from"):
        common &= Q(timestamp__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        common &= Q(timestamp__lt=_day_start(filters["date_to"] + dt.timedelta(days=1)))
    if filters.get("action"):
        common &= Q(action=filters["action"])
    pages, models = pages.filter(common), models.filter(common)
    user_ct = ContentType.objects.get_for_model(get_user_model())
    if filters.get("user"):
        account = get_user_model().objects.filter(username=filters["user"]).first()
        account_pk = account.pk if account else 0  # unknown name: nothing matches
        pages = pages.filter(user_id=account_pk)
        models = models.filter(
            Q(user_id=account_pk) | Q(content_type=user_ct, object_id=str(account_pk))
        )
    if filters.get("site"):
        profile: SiteProfile = filters["site"]
        pages = pages.filter(page__path__startswith=profile.site.root_page.path)
        groups = [profile.editors_group_id, profile.moderators_group_id]
        staff = list(
            get_user_model().objects.filter(groups__in=groups).values_list("pk", flat=True)
        )
        models = models.filter(
            Q(user_id__in=staff) | Q(content_type=user_ct, object_id__in=[str(pk) for pk in staff])
        )
    order = ("-timestamp", "-pk")
    pages = pages.select_related("user", "content_type").order_by(*order)
    models = models.select_related("user", "content_type").order_by(*order)
    return pages, models


def _site_names() -> list[tuple[str, str]]:
    roots = SiteProfile.objects.values_list("site__root_page__path", "site__site_name")
    return sorted(((path, name) for path, name in roots if path), key=lambda r: -len(r[0]))


def rows(filters: dict) -> Iterator[list[str]]:
    pages, models = filtered_entries(filters)
    sites = _site_names()

    def site_of(entry) -> str:
        path = getattr(entry, "page_path", None)
        if not path:
            return ""
        return next((name for root, name in sites if path.startswith(root)), "")

    merged = heapq.merge(
        pages.iterator(chunk_size=CHUNK),
        models.iterator(chunk_size=CHUNK),
        key=lambda e: (e.timestamp, e.pk),
        reverse=True,
    )
    for entry in merged:
        data = entry.data or {}
        yield [
            timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            entry.user.get_username() if entry.user_id and entry.user else "",
            str(log_action_registry.get_action_label(entry.action) or entry.action),
            entry.action,
            str(entry.content_type.name) if entry.content_type else "",
            entry.label,
            str(entry.page_id if isinstance(entry, PageLogEntry) else entry.object_id),
            site_of(entry),
            str(data.get("ip", "")),
            json.dumps(data, ensure_ascii=False, sort_keys=True) if data else "",
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filters: dict, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(HEADERS)  # BOM: Excel on Chinese Windows reads UTF-8
        for row in rows(filters):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filters: dict, filename: str) -> FileResponse:
    """A write-only workbook (rows go to disk as they come) in a temporary file streamed back."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    sheet.append(list(HEADERS))
    for row in rows(filters):
        sheet.append(row)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_view(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied("只有审计员和平台管理员可以导出审计日志。")
    form = ExportForm(request.GET or None)
    if request.GET and form.is_valid():
        filename = "audit-log-" + timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if form.cleaned_data["format"] == "xlsx":
            return xlsx_response(form.cleaned_data, filename)
        return csv_response(form.cleaned_data, filename)
    return TemplateResponse(request, "accounts/audit_export.html", {"form": form})


class ExportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_export(request.user)
