from django.apps import AppConfig


class AdminUIConfig(AppConfig):
    name = "cms.adminui"
    label = "adminui"
    verbose_name = "后台界面"

    def ready(self) -> None:
        from cms.adminui import notifications

        notifications.install()
