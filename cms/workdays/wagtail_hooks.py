"""Registers the working-day calendar admin (设置 › 工作日历)."""

from wagtail import hooks

from cms.workdays.views import CalendarExceptionViewSet


@hooks.register("register_admin_viewset")
def register_calendar_viewset() -> CalendarExceptionViewSet:
    return CalendarExceptionViewSet("workday_calendar")
