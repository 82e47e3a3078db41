from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "cms.services"
    label = "services"
    verbose_name = "办事服务"
    default_auto_field = "django.db.models.BigAutoField"
