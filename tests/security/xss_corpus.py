"""The attack corpora of the security tests, in one place.

XSS_PAYLOADS: every payload calls the marker `__xss(N)` (or `alert(N)`, a dialog) if it ever
runs, N being its number here, so a browser test that defines `window.__xss` and listens for
dialogs sees which one got through. The payloads cover the contexts a value can land in: HTML
text, a quoted or unquoted attribute, a URL, a script string, a <textarea> or <title> echo, and
the parser quirks of mutation XSS; with event handlers, `javascript:` variants, SVG and MathML,
entity-, percent- and full-width-encoded forms and mixed case.

HIDING_STYLES: inline styles that hide text (暗链, STANDARDS.md §2), each with the property
names that must not survive `sanitize_html`."""

from __future__ import annotations

import base64

_DATA_HTML = base64.b64encode(b"<script>parent.__xss(36)</script>").decode()

XSS_PAYLOADS: list[str] = [
    # 1-4 script elements, mixed case, data: source
    "<script>__xss(1)</script>",
    "<SCRIPT>__xss(2)</SCRIPT>",
    "<ScRiPt>__xss(3)</sCrIpT>",
    '<script src="data:text/javascript,__xss(4)"></script>',
    # 5-8 event handlers on images, entity-encoded handler bodies, a dialog
    "<img src=x onerror=__xss(5)>",
    "<IMG SRC=x OnErRoR=__xss(6)>",
    '<img src="x" onerror="&#95;&#95;xss(7)">',
    "<img src=x onerror=alert(8)>",
    # 9-15 SVG and MathML
    "<svg onload=__xss(9)>",
    "<svg><script>__xss(10)</script></svg>",
    "<svg><animate onbegin=__xss(11) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:__xss(12)"><text x=20 y=20>XSS</text></a></svg>',
    "<svg><image href=x onerror=__xss(13)></image></svg>",
    "<svg><foreignObject><img src=x onerror=__xss(14)></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(15)>",
    # 16-27 other elements that run a handler without any user action
    "<body onload=__xss(16)>",
    '<iframe src="javascript:parent.__xss(17)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss(18)</script>"></iframe>',
    "<iframe onload=__xss(19)></iframe>",
    '<object data="javascript:parent.__xss(20)"></object>',
    '<embed src="javascript:parent.__xss(21)">',
    "<input autofocus onfocus=__xss(22)>",
    "<details open ontoggle=__xss(23)>",
    "<video><source onerror=__xss(24)></video>",
    "<audio src=x onerror=__xss(25)>",
    "<marquee onstart=__xss(26)>滚动</marquee>",
    '<style>@keyframes k{}</style><div style="animation-name:k" onanimationstart="__xss(27)">',
    # 28-37 javascript: and other script URLs, encoded every way
    '<a href="javascript:__xss(28)">链接</a>',
    '<a href="JaVaScRiPt:__xss(29)">链接</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(30)">链接</a>',
    '<a href="&#x6A;avascript:__xss(31)">链接</a>',
    '<a href="java&#x09;script:__xss(32)">链接</a>',
    '<a href="java&#10;script:__xss(33)">链接</a>',
    '<a href=" &#14; javascript:__xss(34)">链接</a>',
    '<a href="javascript&colon;__xss(35)">链接</a>',
    f'<a href="data:text/html;base64,{_DATA_HTML}">链接</a>',
    '<a href="vbscript:__xss(37)">链接</a>',
    # 38-44 forms, refresh, base, style sheets
    '<form action="javascript:__xss(38)"><button>提交</button></form>',
    '<button form=x formaction="javascript:__xss(39)">按钮</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(40)">',
    '<base href="javascript:__xss(41)//">',
    '<link rel=stylesheet href="javascript:__xss(42)">',
    '<p style="background:url(javascript:__xss(43))">背景</p>',
    '<p style="width:expression(__xss(44))">宽度</p>',
    # 45-52 parser tricks (nesting, comments, raw-text elements, mutation XSS)
    "<scr<script>ipt>__xss(45)</script>",
    "<!--<script>__xss(46)</script>-->",
    "<!--><img src=x onerror=__xss(47)>-->",
    '<noscript><p title="</noscript><img src=x onerror=__xss(48)>">',
    "</textarea><img src=x onerror=__xss(49)>",
    "</title><script>__xss(50)</script>",
    "<svg><style><img src=x onerror=__xss(51)></style></svg>",
    "</script><script>__xss(52)</script>",
    # 53-60 breaking out of attributes and script strings, bare URLs
    '"><img src=x onerror=__xss(53)>',
    "'><img src=x onerror=__xss(54)>",
    '" autofocus onfocus="__xss(55)" x="',
    "' autofocus onfocus='__xss(56)' x='",
    '"-__xss(57)-"',
    "'-__xss(58)-'",
    "\\'-__xss(59)//",
    "javascript:__xss(60)",
    # 61-65 text that is only dangerous if something decodes it before output
    "&lt;script&gt;__xss(61)&lt;/script&gt;",
    "&#60;img src=x onerror=__xss(62)&#62;",
    "%3Cscript%3E__xss(63)%3C%2Fscript%3E",
    "＜script＞__xss(64)＜/script＞",
    "<img src=x onerror=__xss&#40;65&#41;>",
    # 66-75 separators and less common spellings
    "<img src=x:alert(66) onerror=eval(src)>",
    "<svg/onload=__xss(67)>",
    "<img/src=x/onerror=__xss(68)>",
    "<img src=x\nonerror=__xss(69)>",
    "<image src=x onerror=__xss(70)>",
    '<object data="data:text/html,<script>parent.__xss(71)</script>"></object>',
    '<img src="javascript:__xss(72)">',
    "<div tabindex=1 autofocus onfocus=__xss(73)>焦点</div>",
    "<script>/*</script><img src=x onerror=__xss(74)>*/</script>",
    "<a href=javascript:__xss(75) id=x>无引号</a>",
]

# Inline styles that hide text (暗链), each with the properties that must not survive.
HIDING_STYLES: list[tuple[str, tuple[str, ...]]] = [
    ("text-indent:-9999px", ("text-indent",)),
    ("text-indent: -2em", ("text-indent",)),
    ("text-indent:9999px", ("text-indent",)),
    ("text-indent:calc(-9999px)", ("text-indent",)),
    ("text-indent:-9999px !important", ("text-indent",)),
    ("margin-left:-9999px", ("margin-left",)),
    ("margin-left:99999px", ("margin-left",)),
    ("margin-top:-9999px", ("margin-top",)),
    ("margin:-9999px 0 0 -9999px", ("margin",)),
    ("vertical-align:-9999px", ("vertical-align",)),
    ("position:absolute;left:-9999px", ("position", "left")),
    ("position:fixed;top:-9999px", ("position", "top")),
    ("position:relative;left:-10000px", ("position", "left")),
    ("color:transparent", ("color",)),
    ("color: rgba(0, 0, 0, 0)", ("color",)),
    ("color:rgba(0,0,0,.0)", ("color",)),
    ("color:rgba(255,0,0,0.01)", ("color",)),
    ("color:hsla(0,0%,0%,0.0)", ("color",)),
    ("color:rgb(0 0 0 / 0%)", ("color",)),
    ("color:#0000", ("color",)),
    ("color:#00000000", ("color",)),
    ("color:#fff", ("color",)),
    ("color:#FFFFFF", ("color",)),
    ("color: white", ("color",)),
    ("color:WHITE", ("color",)),
    ("color:rgb(255,255,255)", ("color",)),
    ("color:rgb(100%,100%,100%)", ("color",)),
    ("color:rgb(255 255 255)", ("color",)),
    ("color:hsl(0,0%,100%)", ("color",)),
    ("color:#fefefe", ("color",)),
    ("color:snow", ("color",)),
    ("color:#fff !important", ("color",)),
    ("color:\\77 hite", ("color",)),
    ("color:#fff;background-color:transparent", ("color",)),
    ("color:#336699;background-color:#336699", ("color",)),
    ("color:#369;background-color:#336699", ("color",)),
    ("color:#c00;background-color:#c00", ("color",)),
    ("color:red;background-color:red", ("color",)),
    ("color:#000;background-color:#010101", ("color",)),
    ("font-size:0", ("font-size",)),
    ("font-size:1px", ("font-size",)),
    ("opacity:0", ("opacity",)),
    ("opacity:0.01", ("opacity",)),
    ("display:none", ("display",)),
    ("DISPLAY:NONE", ("display",)),
    ("visibility:hidden", ("visibility",)),
    ("height:0;overflow:hidden", ("height", "overflow")),
    ("width:0;height:0;overflow:hidden", ("height", "overflow")),
    ("max-height:0;overflow:hidden", ("max-height", "overflow")),
    ("clip:rect(0,0,0,0);position:absolute", ("clip", "position")),
    ("clip-path:inset(50%)", ("clip-path",)),
    ("transform:translateX(-9999px)", ("transform",)),
    ("transform:scale(0)", ("transform",)),
    ("z-index:-1;position:absolute", ("z-index", "position")),
    ("filter:opacity(0)", ("filter",)),
    ("line-height:0;overflow:hidden", ("overflow",)),
]

# Styles an editor really uses, which must survive unchanged.
VISIBLE_STYLES: list[str] = [
    "text-indent:2em",
    "text-indent:0",
    "margin-left:36pt",
    "margin-left:40px",
    "vertical-align:middle",
    "vertical-align:-2px",
    "color:#c00",
    "color:#333333",
    "color:rgb(0, 51, 102)",
    "color:inherit",
    "color:#fff;background-color:#c00",
    "color:white;background-color:#003366",
    "text-align:center",
]
