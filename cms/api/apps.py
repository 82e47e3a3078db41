from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "jiyue_api"
    verbose_name = "开放接口"

    def ready(self) -> None:
        from cms.api import journal  # noqa: F401  (connects the content_changed receiver)
