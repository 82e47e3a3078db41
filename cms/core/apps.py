from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from cms.core import accounts, csp_admin

        accounts.connect()
        csp_admin.install()
