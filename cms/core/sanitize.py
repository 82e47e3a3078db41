"""The one place HTML from editors or imports is cleaned (bleach). Every rich-text field passes
through `sanitize_html()` on save, so nothing stored can carry script, event handlers,
`javascript:` URLs or CSS that hides content."""

from __future__ import annotations

import re

import bleach
from bleach.css_sanitizer import CSSSanitizer

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
        "sub", "sup", "span", "div", "blockquote", "pre", "code", "a", "ul", "ol", "li",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
        "img", "figure", "figcaption",
        # Wagtail's stored rich-text form: <embed embedtype="image" id=".."/> and <a linktype=..>.
        "embed",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, list[str]] = {
    "*": ["class", "title", "lang", "dir", "style"],
    "a": ["href", "linktype", "id", "target", "rel"],
    "img": ["src", "alt", "width", "height"],
    "embed": ["embedtype", "id", "format", "alt", "url"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
    "ol": ["start", "type"],
    "col": ["span"],
}

# Presentation only: anything that can hide, move or overlay content (display, visibility,
# opacity, position, font-size, clip, transform…) is not on this list and is dropped.
ALLOWED_CSS_PROPERTIES = frozenset(
    {
        "text-align", "text-indent", "font-weight", "font-style", "text-decoration",
        "color", "background-color", "line-height", "vertical-align", "width",
        "border", "border-collapse", "padding", "margin-left",
    }
)  # fmt: skip

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

# Contents of these elements are dropped entirely, not escaped into visible text.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|noscript|template|svg|math)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_DANGLING_DROP_TAG = re.compile(
    r"<(script|style|iframe|object|noscript|template|svg|math)\b[^>]*>", re.IGNORECASE
)
# CSS values that can smuggle script or hide text inside an otherwise allowed property.
_DANGEROUS_CSS_VALUE = re.compile(r"expression\s*\(|url\s*\(|javascript:", re.IGNORECASE)

_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES),
)


def sanitize_html(html: str | None) -> str:
    """Return `html` with everything outside the safelist removed. Idempotent."""
    if not html:
        return ""
    without_active_content = _DROP_WITH_CONTENT.sub("", str(html))
    without_active_content = _DANGLING_DROP_TAG.sub("", without_active_content)
    cleaned = _cleaner.clean(without_active_content)
    return _close_embeds(_strip_dangerous_css(cleaned))


_OPEN_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>", re.IGNORECASE)


def _close_embeds(html: str) -> str:
    # Wagtail's rewriter only recognises self-closed `<embed …/>`; html5lib serialises them open.
    return _OPEN_EMBED.sub(lambda m: f"<embed{m.group(1)}/>", html)


_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"', re.IGNORECASE)
# 暗链 (hidden links) hide text with allowed properties: pushed off-screen by a negative indent or
# margin, or coloured to vanish (transparent, zero alpha, the background's own colour, or white
# on the white page). STANDARDS.md §2 (检查指标: 暗链); docs/import-format.md promises their removal.
_OFFSET_PROPERTIES = frozenset({"text-indent", "margin-left"})
_NEGATIVE = re.compile(r"^\s*-")
_INVISIBLE_COLOUR = re.compile(
    r"^\s*(transparent|rgba\([^)]*,\s*0(\.0*)?\s*\)|hsla\([^)]*,\s*0(\.0*)?\s*\))\s*$",
    re.IGNORECASE,
)
_WHITE = frozenset({"white", "#fff", "#ffffff", "rgb(255,255,255)", "rgb(255, 255, 255)"})


def _declarations(value: str) -> list[tuple[str, str]]:
    pairs = []
    for part in value.split(";"):
        name, sep, val = part.partition(":")
        if sep and name.strip() and val.strip():
            pairs.append((name.strip().lower(), val.strip()))
    return pairs


def _visible_declarations(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    background = next((v.lower() for n, v in pairs if n == "background-color"), None)
    kept = []
    for name, val in pairs:
        if name in _OFFSET_PROPERTIES and _NEGATIVE.match(val):
            continue
        if name == "color":
            colour = val.lower()
            if _INVISIBLE_COLOUR.match(colour) or colour == background:
                continue
            if background is None and colour in _WHITE:
                continue
        kept.append((name, val))
    return kept


def _strip_dangerous_css(html: str) -> str:
    def repl(match: re.Match[str]) -> str:
        value = match.group(1)
        if not value.strip() or _DANGEROUS_CSS_VALUE.search(value):
            return ""
        pairs = _declarations(value)
        kept = _visible_declarations(pairs)
        if not kept:
            return ""
        if kept == pairs:
            return match.group(0)
        return ' style="' + " ".join(f"{name}: {val};" for name, val in kept) + '"'

    return _STYLE_ATTR.sub(repl, html)


# Rendering under the Content-Security-Policy (cms/core/csp.py: `style-src 'self'`, so the browser
# ignores every style attribute). Stored rich text keeps its style attributes: editors re-edit
# them and the WeChat rendering (cms/newmedia/render.py) needs them inline. The page shows the
# formatting government documents rely on, alignment, first-line indent and emphasis, through the
# `rt-*` classes of themes/css/jiyue.css; free-valued declarations (colours, widths, borders,
# padding) have no class and are dropped from the page, as the policy would drop them anyway.
_TAG_WITH_STYLE = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?\sstyle="([^"]*)"([^<>]*)>')
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_LENGTH = re.compile(r"^(\d*\.?\d+)")
_BOLD = frozenset({"bold", "bolder", "600", "700", "800", "900"})
_STYLE_CLASSES: dict[tuple[str, str], str] = {
    **{("text-align", v): f"rt-text-{v}" for v in ("left", "center", "right", "justify")},
    **{("font-weight", v): "rt-bold" for v in _BOLD},
    ("font-style", "italic"): "rt-italic",
    ("font-style", "oblique"): "rt-italic",
    ("text-decoration", "underline"): "rt-underline",
    ("text-decoration", "line-through"): "rt-line-through",
    **{
        ("vertical-align", v): f"rt-valign-{v}" for v in ("top", "middle", "bottom", "sub", "super")
    },
}


def _classes_for(style: str) -> list[str]:
    classes = []
    for name, value in _visible_declarations(_declarations(style)):
        value = value.lower().removesuffix("!important").strip()
        if name == "text-indent":
            # Any positive first-line indent is the 首行缩进 of a document: two characters.
            length = _LENGTH.match(value)
            if length and float(length.group(1)) > 0:
                classes.append("rt-indent")
            continue
        css_class = _STYLE_CLASSES.get((name, value))
        if css_class and css_class not in classes:
            classes.append(css_class)
    return classes


def style_attributes_to_classes(html: str) -> str:
    """`html` with each style attribute replaced by the `rt-*` classes of what it declares."""

    def repl(match: re.Match[str]) -> str:
        tag, before, style, after = match.group(1), match.group(2) or "", *match.group(3, 4)
        attrs = before + after
        classes = " ".join(_classes_for(style))
        if classes:
            existing = _CLASS_ATTR.search(attrs)
            if existing:
                attrs = (
                    f'{attrs[: existing.start()]} class="{existing.group(1)} {classes}"'
                    + (attrs[existing.end() :])
                )
            else:
                closing = "/" if attrs.rstrip().endswith("/") else ""
                attrs = attrs.rstrip().removesuffix("/") + f' class="{classes}"' + closing
        return f"<{tag}{attrs}>"

    return _TAG_WITH_STYLE.sub(repl, html)
