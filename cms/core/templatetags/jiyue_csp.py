"""`{% csp_nonce %}`: the response's Content-Security-Policy nonce, for the few inline scripts
Wagtail's admin templates need (cms/core/csp.py). Works in widget templates too, which Django's
form renderer draws without the request."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from cms.core.csp import current_nonce
from cms.core.sanitize import style_attributes_to_classes

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()


@register.filter(is_safe=True)
def style_classes(html: str) -> SafeString:
    """Rich text as the page shows it: style attributes become `rt-*` classes (Wagtail's
    `richtext` filter renders through wagtailcore/shared/richtext.html, overridden to use this)."""
    return mark_safe(style_attributes_to_classes(str(html)))  # sanitised on save
