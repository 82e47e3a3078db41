from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from cms.core import accounts, publication_gates

        accounts.connect()
        publication_gates.install()
