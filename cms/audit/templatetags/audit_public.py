"""`{% punctuality_link %}`: the link to the site's public punctuality page, only where the site
has switched it on (shown in the 政务公开 column)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def punctuality_link(context) -> str:
    from cms.audit.public import PATH, is_enabled
    from sites.models import SiteProfile

    request = context.get("request")
    if request is None or not is_enabled(SiteProfile.for_request(request)):
        return ""
    return format_html(
        '<p class="disclosure-punctuality"><a href="/{}">主动公开信息按时公开情况</a></p>', PATH
    )
