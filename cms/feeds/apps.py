from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "cms.feeds"
    label = "feeds"
    verbose_name = "订阅与网站地图"

    def ready(self) -> None:
        from cms.feeds import caching

        caching.connect()
