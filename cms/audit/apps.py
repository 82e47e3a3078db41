from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cms.audit"
    label = "audit"
    verbose_name = "检查评估"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.audit import signal_handlers, tasks  # noqa: F401 (tasks: recurring registry)
