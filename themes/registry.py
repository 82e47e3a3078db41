"""The themes a site can choose in its profile. One set of templates serves all of them; a theme
is a stylesheet that sets colours and the banner."""

from django.db import models


class Theme(models.TextChoices):
    GOV_RED = "gov-red", "政务红"
    SEA_BLUE = "sea-blue", "海晏蓝"
    HILL_GREEN = "hill-green", "青山绿"


def theme_stylesheet(theme: str) -> str:
    """Static path of the stylesheet for `theme`, falling back to the default theme."""
    value = theme if theme in Theme.values else Theme.GOV_RED
    return f"themes/css/theme-{value}.css"
