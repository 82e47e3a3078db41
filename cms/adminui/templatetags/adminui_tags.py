"""The platform's name (WAGTAIL_SITE_NAME, from JIYUE_PLATFORM_NAME) for the admin templates."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def platform_name() -> str:
    return settings.WAGTAIL_SITE_NAME
