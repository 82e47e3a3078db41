from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = "主题与模板"

    def ready(self) -> None:
        from themes import fragments

        fragments.connect()  # chrome fragment versions follow content and site changes
