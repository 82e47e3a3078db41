from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cms.review"
    label = "review"
    verbose_name = "审核发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.core import recurring
        from cms.core.publication_gates import register_gate
        from cms.review import signal_handlers, tasks  # noqa: F401
        from cms.review.confidentiality import GATE_NAME, confidentiality_gate

        register_gate(GATE_NAME, confidentiality_gate)
        recurring.register(tasks.scheduled_publishing_task, tasks.first_run)
