from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from cms.core import accounts, csp_admin, publication_gates
        from cms.core.file_privacy import index_published_page
        from cms.core.media_forms import unguessable_image_name

        accounts.connect()
        csp_admin.install()
        publication_gates.install()
        page_published.connect(index_published_page, dispatch_uid="jiyue_index_published_page")
        pre_save.connect(
            unguessable_image_name, sender=get_image_model(), dispatch_uid="jiyue_image_name"
        )
