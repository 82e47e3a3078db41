from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    name = "cms.deployment"
    label = "jiyue_deployment"
    verbose_name = "部署"
