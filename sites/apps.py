from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    # `sites` is django.contrib.sites' label; ours must not collide with it.
    label = "jiyue_sites"
    verbose_name = "站群"
