"""What Wagtail's admin needs to work under the Content-Security-Policy (cms/core/csp.py), found by
loading the admin in Chromium and listening for `securitypolicyviolation`:

- inline `<script>` in the inline panel, multiple chooser panel and date/time widget templates
  (overridden in cms/core/templates/wagtailadmin/ with `{% csp_nonce %}`), and in every chooser
  widget's `render()` (BaseChooser, patched below);
- `<style>` elements Draftail creates through React (static/core/js/admin-csp.js gives them the
  nonce; nothing in Wagtail's admin needs inline style *attributes*, which stay blocked).
"""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets.chooser import BaseChooser

from cms.core.csp import current_nonce


def admin_csp_script() -> SafeString:
    return format_html(
        '<script src="{}" nonce="{}"></script>',
        versioned_static("core/js/admin-csp.js"),
        current_nonce(),
    )


def _chooser_render(self, name, value, attrs=None, renderer=None) -> SafeString:
    """BaseChooser.render (Wagtail 8.0) with a nonce on its initialising script."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    nonce = json.dumps(current_nonce())  # a token_urlsafe value: a safe attribute as JSON-quoted
    return mark_safe(f"{widget_html}<script nonce={nonce}>{js}</script>")


def install() -> None:
    hooks.register("insert_global_admin_js", admin_csp_script)
    BaseChooser.render = _chooser_render
