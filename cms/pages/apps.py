from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = "页面"

    def ready(self) -> None:
        from cms.pages import signal_handlers

        signal_handlers.connect()
