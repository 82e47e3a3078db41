from django.apps import AppConfig


class PublicationLogConfig(AppConfig):
    name = "cms.publication_log"
    label = "publication_log"
    verbose_name = "发布记录"

    def ready(self) -> None:
        from cms.publication_log import recording

        recording.connect()
