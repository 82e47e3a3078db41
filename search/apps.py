"""App config of the unified search (label `search`)."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signal_handlers

        signal_handlers.connect()
