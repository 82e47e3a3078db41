"""App config of 政民互动: registers answered public messages as a unified-search source."""

from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "cms.interaction"
    label = "interaction"
    verbose_name = "政民互动"

    def ready(self) -> None:
        from cms.interaction import search_source
        from cms.pages.models import ColumnPage

        search_source.register()
        # 常见问题 entries are filed in columns. cms/pages is another area's app, so the type is
        # allowed here rather than in ColumnPage.subpage_types (read lazily by Wagtail).
        if "interaction.FaqPage" not in ColumnPage.subpage_types:
            ColumnPage.subpage_types = [*ColumnPage.subpage_types, "interaction.FaqPage"]
