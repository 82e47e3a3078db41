"""App config of 政民互动: registers answered public messages as a unified-search source."""

from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "cms.interaction"
    label = "interaction"
    verbose_name = "政民互动"

    def ready(self) -> None:
        from cms.interaction import search_source

        search_source.register()
