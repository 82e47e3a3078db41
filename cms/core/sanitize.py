"""The one place HTML from editors or imports is cleaned (bleach). Every rich-text field passes
through `sanitize_html()` on save, so nothing stored can carry script, event handlers,
`javascript:` URLs or CSS that hides content."""

from __future__ import annotations

import colorsys
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
# 暗链 (hidden links) hide text with allowed properties: pushed off-screen by a negative or huge
# indent, margin or vertical offset, or coloured to vanish (transparent or nearly so, the
# background's own colour, or white on the white page). STANDARDS.md §2 (检查指标: 暗链);
# docs/import-format.md promises their removal. What cannot be parsed is dropped, not guessed.
_OFFSET_LIMITS_PX = {"text-indent": (0.0, 400.0), "margin-left": (0.0, 400.0)}
_VERTICAL_LIMIT_PX = 32.0
_VERTICAL_KEYWORDS = frozenset(
    {"baseline", "sub", "super", "top", "text-top", "middle", "bottom", "text-bottom"}
)
_PX_PER_UNIT = {
    "px": 1.0, "em": 16.0, "rem": 16.0, "ch": 8.0, "ex": 8.0, "pt": 4 / 3, "pc": 16.0,
    "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
}  # fmt: skip
_LENGTH = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))([a-z%]*)$")
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
# CSS escapes (`\77 hite` is white) and comments could disguise a value from the checks below.
_OBFUSCATED = re.compile(r"\\|/\*")
_NAMED_COLOURS = {
    "transparent": (0, 0, 0, 0.0), "white": (255, 255, 255, 1.0), "black": (0, 0, 0, 1.0),
    "snow": (255, 250, 250, 1.0), "ghostwhite": (248, 248, 255, 1.0),
    "whitesmoke": (245, 245, 245, 1.0), "ivory": (255, 255, 240, 1.0),
    "floralwhite": (255, 250, 240, 1.0), "mintcream": (245, 255, 250, 1.0),
    "azure": (240, 255, 255, 1.0), "seashell": (255, 245, 238, 1.0),
    "honeydew": (240, 255, 240, 1.0), "aliceblue": (240, 248, 255, 1.0),
    "lavenderblush": (255, 240, 245, 1.0),
}  # fmt: skip
_FUNCTION_COLOUR = re.compile(r"^(rgba?|hsla?)\((.*)\)$")
# Text this close to its background (every channel within the tolerance) cannot be read; text
# this faint (alpha below the minimum) neither.
_CHANNEL_TOLERANCE = 16
_MIN_ALPHA = 0.2
_PAGE_BACKGROUND = (255, 255, 255, 1.0)

Colour = tuple[float, float, float, float]


def _length_px(value: str) -> float | None:
    """A CSS length in px (percentages count as a fraction of a 800px column), or None."""
    match = _LENGTH.match(value.strip().lower())
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        return number * 8.0
    if not unit:
        return number if number == 0 else None
    factor = _PX_PER_UNIT.get(unit)
    return number * factor if factor else None


def _channel(part: str, scale: float) -> float | None:
    part = part.strip()
    try:
        if part.endswith("%"):
            return float(part[:-1]) * scale / 100
        return float(part)
    except ValueError:
        return None


def _hex_colour(text: str) -> Colour | None:
    digits = text[1:]
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    if len(digits) not in (6, 8):
        return None
    try:
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
    except ValueError:
        return None
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return (channels[0], channels[1], channels[2], alpha)


def _function_colour(name: str, args: str) -> Colour | None:
    parts = [p for p in re.split(r"[\s,/]+", args.strip()) if p]
    if len(parts) not in (3, 4):
        return None
    alpha = _channel(parts[3], 1.0) if len(parts) == 4 else 1.0
    if name.startswith("rgb"):
        rgb = [_channel(p, 255.0) for p in parts[:3]]
    else:
        hue = _channel(parts[0].removesuffix("deg"), 360.0)
        sat, light = _channel(parts[1], 1.0), _channel(parts[2], 1.0)
        if hue is None or sat is None or light is None:
            return None
        rgb = _hsl_to_rgb(hue, sat / 100 if sat > 1 else sat, light / 100 if light > 1 else light)
    if alpha is None or any(c is None for c in rgb):
        return None
    return (rgb[0], rgb[1], rgb[2], alpha)  # type: ignore[return-value]


def _hsl_to_rgb(hue: float, sat: float, light: float) -> list[float | None]:
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, light, sat)
    return [r * 255, g * 255, b * 255]


def _colour(value: str) -> Colour | None:
    """Parse a CSS colour to (r, g, b, alpha); None for what this does not understand."""
    text = value.strip().lower()
    if text in _NAMED_COLOURS:
        return _NAMED_COLOURS[text]
    if text.startswith("#"):
        return _hex_colour(text)
    match = _FUNCTION_COLOUR.match(text)
    return _function_colour(match.group(1), match.group(2)) if match else None


def _indistinguishable(text: Colour, background: Colour) -> bool:
    return all(
        abs(a - b) <= _CHANNEL_TOLERANCE for a, b in zip(text[:3], background[:3], strict=True)
    )


def _visible_offset(name: str, value: str) -> bool:
    if name == "vertical-align":
        if value.lower() in _VERTICAL_KEYWORDS:
            return True
        px = _length_px(value)
        return px is not None and abs(px) <= _VERTICAL_LIMIT_PX
    low, high = _OFFSET_LIMITS_PX[name]
    px = _length_px(value)
    return px is not None and low <= px <= high


def _visible_colour(value: str, background: str | None) -> bool:
    colour = _colour(value)
    if colour is None:
        # Keywords such as inherit/currentcolor keep the surrounding (visible) colour; any other
        # unparsed value is only kept when it is not literally the background's.
        return background is None or value.lower() != background.lower()
    if colour[3] < _MIN_ALPHA:
        return False
    behind = _colour(background) if background else None
    if behind is None or behind[3] < _MIN_ALPHA:
        behind = _PAGE_BACKGROUND  # no (or a see-through) background: the white page shows
    return not _indistinguishable(colour, behind)


def _declarations(value: str) -> list[tuple[str, str]]:
    pairs = []
    for part in value.split(";"):
        name, sep, val = part.partition(":")
        if sep and name.strip() and val.strip():
            pairs.append((name.strip().lower(), val.strip()))
    return pairs


def _visible_declarations(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    background = next((_IMPORTANT.sub("", v) for n, v in pairs if n == "background-color"), None)
    kept = []
    for name, val in pairs:
        bare = _IMPORTANT.sub("", val)
        if _OBFUSCATED.search(val):
            continue
        if (name in _OFFSET_LIMITS_PX or name == "vertical-align") and not _visible_offset(
            name, bare
        ):
            continue
        if name == "color" and not _visible_colour(bare, background):
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
_LEADING_NUMBER = re.compile(r"^(\d*\.?\d+)")
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
            length = _LEADING_NUMBER.match(value)
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
