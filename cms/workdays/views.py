"""Admin screens for the working-day calendar (设置 › 工作日历): platform administrators enter the
State Council's holiday schedule for years the chinesecalendar package does not cover."""

from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.workdays.calendar import years_without_data
from cms.workdays.models import CalendarException, DayKind


def _year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(year, f"{year}年") for year in range(this_year + 1, 2003, -1)]


class CalendarExceptionFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label="年份", field_name="date__year", choices=_year_choices, coerce=int
    )
    kind = django_filters.ChoiceFilter(label="类型", choices=DayKind.choices)

    class Meta:
        model = CalendarException
        fields = ["year", "kind"]


class CalendarIndexView(generic.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        missing = years_without_data(today, datetime.date(today.year + 1, 1, 1))
        context["calendar_missing_years"] = missing
        return context


class CalendarExceptionViewSet(ModelViewSet):
    model = CalendarException
    icon = "date"
    menu_label = "工作日历"
    menu_order = 900
    add_to_settings_menu = True
    index_view_class = CalendarIndexView
    index_template_name = "workdays/admin/index.html"
    filterset_class = CalendarExceptionFilterSet
    list_display = ["date", "kind", "name", "source"]
    search_fields = ["name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]
