"""The tools under an article or disclosure (issue 15 item 6): the page's QR code, drawn here
with segno (no external service: the page URL never leaves the server), for 手机扫码浏览 and for
sharing to WeChat, whose in-app browser shares what it scanned."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_data_uri(url: str) -> str:
    """An SVG data URI of `url`'s QR code (img-src allows `data:`; CSP forbids inline styles,
    and an <img> also carries the alt text). A pure function of the URL, so cached."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
