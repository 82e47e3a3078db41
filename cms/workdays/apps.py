from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "cms.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from cms.workdays import signal_handlers  # noqa: F401
