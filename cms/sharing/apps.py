from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "cms.sharing"
    label = "sharing"
    verbose_name = "信息报送"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.core.publication_gates import register_gate
        from cms.sharing import signal_handlers
        from cms.sharing.gates import shared_copies_gate

        signal_handlers.connect()
        register_gate("sharing", shared_copies_gate)
