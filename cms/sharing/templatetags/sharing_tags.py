"""`{% canonical_link page %}`: a shared copy names its original as the canonical URL, so search
engines and readers treat the original (on the submitting site) as the one document."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_link(context: template.Context, page: Any = None) -> str:
    alias_of_id = getattr(page, "alias_of_id", None)
    if not alias_of_id:
        return ""
    original = Page.objects.filter(pk=alias_of_id).first()
    url = original.get_full_url(context.get("request")) if original is not None else None
    return format_html('<link rel="canonical" href="{}">', url) if url else ""
