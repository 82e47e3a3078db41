from django.apps import AppConfig


class StaticSiteConfig(AppConfig):
    name = "cms.staticsite"
    label = "staticsite"
    verbose_name = "静态发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.staticsite import recording, signal_handlers

        recording.connect()
        signal_handlers.connect()
