from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "cms.safety"
    label = "safety"
    verbose_name = "内容安全"

    def ready(self) -> None:
        from cms.core import publication_gates
        from cms.safety import signal_handlers  # noqa: F401
        from cms.safety.gate import draft_findings, safety_gate

        publication_gates.register_gate("safety", safety_gate)
        publication_gates.register_draft_check("safety", draft_findings)

        from wagtail.permissions import register_permission_policy

        from cms.safety.models import SafetyOverride
        from cms.safety.views import ReadOnlyPolicy

        register_permission_policy(SafetyOverride, ReadOnlyPolicy(SafetyOverride))
