from django.apps import AppConfig


class NewMediaConfig(AppConfig):
    name = "cms.newmedia"
    label = "newmedia"
    verbose_name = "政务新媒体"

    def ready(self) -> None:
        from cms.newmedia import signal_handlers

        signal_handlers.connect()
