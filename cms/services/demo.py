"""Demo 办事指南 for every demo site: at least ten guides in its 办事服务 column, personal and
corporate, over several topics, with every required element filled, some with online handling
and a downloadable form. Published through revisions. Idempotent (fixed slugs)."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model

from cms.core.publishing import publish_page
from cms.pages.models import ColumnPage
from cms.services.demo_guides import GENERAL_GUIDES, GUIDES_BY_KEY, GuideSpec
from cms.services.models import ServiceGuideAttachment, ServiceGuidePage

SERVICE_COLUMN_SLUG = "bsfw"


def form_pdf(title: str) -> bytes:
    """A one-page PDF with a cross-reference table, so readers and the search indexer open it.
    The text is ASCII (the base-14 fonts have no CJK glyphs); the title is the document's."""
    text = title.encode("ascii", "replace").decode().replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td (Application form {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def region_of(profile) -> str:
    sponsor = profile.sponsor or profile.canonical_name
    for suffix in ("人民政府", "卫生健康委员会", "教育局"):
        if sponsor.endswith(suffix):
            return sponsor[: -len(suffix)]
    return sponsor[:3]


def _html_list(items: tuple[str, ...], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def _form_document(profile, spec: GuideSpec, title: str):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title, collection=profile.collection).first()
    if existing is not None:
        return existing
    document = document_model(title=title, collection=profile.collection)
    document.file.save(f"{spec.slug}-form.pdf", ContentFile(form_pdf(spec.slug)), save=False)
    document.save()
    return document


def _guide(profile, spec: GuideSpec, region: str, organisation, index: int, today: dt.date):
    key = profile.site.hostname.split(".")[0]
    published = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=20 + index * 9), dt.time(9, 30 + index))
    )
    phone_prefix = (profile.contact_phone or "0917-5200000")[:-2]
    return ServiceGuidePage(
        title=f"{spec.item_name}办事指南",
        slug=f"bszn-{spec.slug}",
        item_name=spec.item_name,
        audience=spec.audience,
        topic=spec.topic,
        legal_basis=f"<p>{escape(spec.legal_basis)}</p>",
        conditions=f"<p>{escape(spec.conditions)}</p>",
        materials=_html_list(spec.materials),
        location=spec.location.format(region=region),
        organisation=organisation,
        organisation_name=spec.organisation.format(region=region),
        fees=spec.fees,
        hours=spec.hours,
        phone=f"{phone_prefix}{spec.phone_suffix:02d}",
        procedure=_html_list(spec.procedure, ordered=True),
        online_url=f"https://zwfw.changhe.gov.cn/{key}/{spec.slug}/" if spec.online else "",
        keywords=f"{spec.item_name},{spec.topic}",
        first_published_at=published,
        live=False,
    )


def build_site_guides(profile, today: dt.date) -> int:
    from cms.disclosure.models import Organisation

    home = profile.site.root_page
    column = ColumnPage.objects.child_of(home).filter(slug=SERVICE_COLUMN_SLUG).first()
    if column is None:
        return 0
    key = profile.site.hostname.split(".")[0]
    specs = GUIDES_BY_KEY.get(key, GENERAL_GUIDES)
    region = region_of(profile)
    organisation = Organisation.objects.filter(site=profile, name=profile.sponsor).first()
    existing = set(ServiceGuidePage.objects.child_of(column).values_list("slug", flat=True))
    created = 0
    for index, spec in enumerate(specs):
        page = _guide(profile, spec, region, organisation, index, today)
        if page.slug in existing:
            continue
        if index % 3 == 0:
            title = f"{spec.item_name}申请表"
            page.attachments = [
                ServiceGuideAttachment(document=_form_document(profile, spec, title), title=title)
            ]
        publish_page(page, parent=column)
        created += 1
    return created


def build_demo(*, today: dt.date, stdout: TextIO) -> dict[str, int]:
    from sites.models import SiteProfile

    created = sum(
        build_site_guides(profile, today)
        for profile in SiteProfile.objects.select_related("site__root_page", "collection")
    )
    total = ServiceGuidePage.objects.live().count()
    stdout.write(f"办事指南：新建 {created} 项，共 {total} 项")
    return {"guides_created": created, "guides": total}
