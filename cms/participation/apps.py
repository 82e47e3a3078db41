from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "cms.participation"
    label = "participation"
    verbose_name = "征集调查与在线访谈"
    default_auto_field = "django.db.models.BigAutoField"
