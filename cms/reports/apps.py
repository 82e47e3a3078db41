from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cms.reports"
    label = "reports"
    verbose_name = "政府信息公开工作年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The 年度报告 and the 年度报表 page signals.
        from cms.reports import signal_handlers, site_generation  # noqa: F401
