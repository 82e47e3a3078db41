"""Checks on pages as the public receives them: a site's home, its first column and its newest
item are rendered through Django's test client (the real URL routing, templates and middleware,
without a network) and the HTML is read for the <meta> tags and the footer identity items of
STANDARDS.md §3. `check_rendered_page` is pure (HTML in, findings out); `render_samples` renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from cms.audit import links
from cms.audit import rules as R
from cms.audit.data import Finding, SiteData
from cms.audit.rules import Severity

MIIT_HOST = "beian.miit.gov.cn"
MPS_HOST = "beian.mps.gov.cn"
CONAC_HOST = "bszs.conac.cn"


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.alts: list[str] = []
        self.text: list[str] = []
        self.in_footer = 0
        self.footer_text: list[str] = []
        self.footer_hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.meta[values["name"]] = (values.get("content") or "").strip()
        elif tag == "footer":
            self.in_footer += 1
        elif tag == "a" and values.get("href") and self.in_footer:
            self.footer_hrefs.append(values["href"])
        elif tag == "img" and values.get("alt") and self.in_footer:
            self.alts.append(values["alt"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer" and self.in_footer:
            self.in_footer -= 1

    def handle_data(self, data: str) -> None:
        if self.in_footer:
            self.footer_text.append(data)


@dataclass(frozen=True)
class SiteIdentity:
    """What the footer must show, from the site profile."""

    site_code: str
    sponsor: str
    icp_number: str
    police_number: str
    has_contact: bool


@dataclass
class RenderedPage:
    page_id: int
    kind: str  # "home", "column" or "article"
    status: int
    html: str = ""
    title: str = ""
    extra: dict = field(default_factory=dict)


def required_meta(kind: str) -> tuple[str, ...]:
    names = list(R.META_EVERY_PAGE)
    names += R.META_ARTICLE_PAGE if kind == "article" else R.META_COLUMN_PAGE
    return tuple(dict.fromkeys(names))


def check_rendered_page(
    site: SiteData, identity: SiteIdentity, page: RenderedPage
) -> list[Finding]:
    url = links.page_edit(page.page_id)
    if page.status != 200:
        return [
            Finding(
                Severity.DEDUCTION,
                R.PAGE_RENDER_FAILED,
                site.id,
                "page",
                page.page_id,
                page.title,
                f"页面返回 HTTP {page.status}，公众无法正常访问。",
                url,
            )
        ]
    reader = _PageReader()
    reader.feed(page.html)
    findings: list[Finding] = []
    missing_meta = [name for name in required_meta(page.kind) if not reader.meta.get(name)]
    if missing_meta:
        findings.append(
            Finding(
                Severity.DEDUCTION,
                R.PAGE_META_MISSING,
                site.id,
                "page",
                page.page_id,
                page.title,
                f"页面缺少或为空的元数据：{'、'.join(missing_meta)}。",
                url,
            )
        )
    footer = "".join(reader.footer_text)
    checks = (
        ("党政机关网站标识", "党政机关网站标识" in reader.alts or _links_to(reader, CONAC_HOST)),
        ("网站标识码", bool(identity.site_code) and identity.site_code in footer),
        ("主办单位", bool(identity.sponsor) and f"主办单位：{identity.sponsor}" in footer),
        ("ICP备案编号", bool(identity.icp_number) and _links_to(reader, MIIT_HOST)),
        ("公安机关备案号", bool(identity.police_number) and _links_to(reader, MPS_HOST)),
        ("联系方式", identity.has_contact and ("联系电话" in footer or "联系邮箱" in footer)),
    )
    missing_footer = [label for label, present in checks if not present]
    if missing_footer:
        findings.append(
            Finding(
                Severity.DEDUCTION,
                R.FOOTER_IDENTITY_MISSING,
                site.id,
                "site_identity",
                site.id,
                page.title,
                f"页面底部缺少：{'、'.join(missing_footer)}（请在“站点信息”中补全）。",
                links.site_profile(site.id),
            )
        )
    return findings


def _links_to(reader: _PageReader, host: str) -> bool:
    return any(host in href for href in reader.footer_hrefs)


def render_samples(profile) -> list[RenderedPage]:
    """Render the home, the first leaf column and the newest listed item of `profile`'s site."""
    from django.test import Client

    from cms.pages.models import ColumnPage
    from cms.pages.queries import column_items

    home = profile.site.root_page
    samples: list[tuple[object, str]] = [(home, "home")]
    column = (
        ColumnPage.objects.descendant_of(home)
        .live()
        .filter(numchild__gt=0)
        .order_by("path")
        .first()
        or ColumnPage.objects.child_of(home).live().order_by("path").first()
    )
    if column is not None:
        samples.append((column, "column"))
    item = column_items(home).first()
    if item is not None:
        samples.append((item, "article"))
    port = profile.site.port
    host = profile.site.hostname if port in (80, 443) else f"{profile.site.hostname}:{port}"
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    rendered = []
    for page, kind in samples:
        path = page.url_path[len(home.url_path) - 1 :]
        response = client.get(path)
        html = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        rendered.append(RenderedPage(page.pk, kind, response.status_code, html, page.title))
    return rendered


def identity_of(profile) -> SiteIdentity:
    return SiteIdentity(
        site_code=profile.site_code,
        sponsor=profile.sponsor,
        icp_number=profile.icp_number,
        police_number=profile.police_number,
        has_contact=bool(profile.contact_phone or profile.contact_email),
    )


def check_rendered(profile, site: SiteData) -> list[Finding]:
    identity = identity_of(profile)
    findings: list[Finding] = []
    seen_footer = False
    for page in render_samples(profile):
        for finding in check_rendered_page(site, identity, page):
            # One footer finding per site: the footer is the same template on every page.
            if finding.rule == R.FOOTER_IDENTITY_MISSING:
                if seen_footer:
                    continue
                seen_footer = True
            findings.append(finding)
    return findings
