"""What the search index holds for a page: `SearchDocument` and the pure `build_document(page)`.

Every engine indexes exactly this shape, so what a citizen can find does not depend on the engine.
`build_document` returns None for pages that must not be findable: not live, not public (view
restrictions), withdrawn (撤稿), outside any site, or not a listable item type."""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from wagtail.models import Page

logger = logging.getLogger("jiyue.search")

# Attachment text kept per page: enough for every word of a long notice to be findable
# without letting one 500-page PDF dominate the index.
MAX_ATTACHMENT_CHARS = 20_000
MAX_ATTACHMENT_PAGES = 50
MAX_BODY_CHARS = 50_000
VALIDITY_VALUES = ("有效", "失效", "废止")
METADATA_KEYS = ("index_number", "document_number", "organisation", "topic", "genre", "validity")

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|tr|br|blockquote|table)\s*>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass
class SearchDocument:
    id: int
    site_id: int
    site_name: str
    site_code: str
    column_title: str
    column_type: str
    content_type: str
    organisation: str
    title: str
    summary: str
    body: str
    attachment_text: str
    url: str
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    index_number: str = ""
    document_number: str = ""
    topic: str = ""
    genre: str = ""
    validity: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        if self.published_at is None:
            return None
        return timezone.localtime(self.published_at).year

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["year"] = self.year
        return data


def html_to_text(value: str | None) -> str:
    """Plain text of stored rich text: block ends become line breaks, entities decoded."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", str(value))
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_indexable(page: Page) -> bool:
    from cms.pages.withdrawal import is_withdrawn

    specific_class = page.specific_class
    if specific_class is None or not getattr(specific_class, "is_column_item", False):
        return False
    if not page.live or page.get_view_restrictions().exists():
        return False
    return not is_withdrawn(page)


def build_document(page: Page) -> SearchDocument | None:
    """The index document of `page`, or None when it must not be in the index."""
    if not is_indexable(page):
        return None
    specific = page.specific
    url_parts = specific.get_url_parts()
    if url_parts is None:
        return None
    site_id, root_url, page_path = url_parts
    from sites.models import SiteProfile

    profile = SiteProfile.objects.select_related("site").filter(site_id=site_id).first()
    column = _nearest_column(specific)
    metadata = _metadata(specific)
    organisation = (
        metadata.get("organisation")
        or getattr(specific, "source", "")
        or (profile.default_source if profile else "")
    )
    body = html_to_text(getattr(specific, "body", ""))[:MAX_BODY_CHARS]
    return SearchDocument(
        id=specific.pk,
        site_id=site_id,
        site_name=profile.canonical_name if profile else "",
        site_code=profile.site_code if profile else "",
        column_title=column.title if column else "",
        column_type=column.column_type if column else "",
        content_type=str(specific._meta.verbose_name),
        organisation=str(organisation),
        title=specific.title,
        summary=str(getattr(specific, "summary", "") or ""),
        body=body,
        attachment_text=attachment_text(specific),
        url=(root_url or "") + page_path,
        published_at=specific.first_published_at,
        updated_at=specific.last_published_at,
        index_number=str(metadata.get("index_number") or ""),
        document_number=str(metadata.get("document_number") or ""),
        topic=str(metadata.get("topic") or ""),
        genre=str(metadata.get("genre") or ""),
        validity=str(metadata.get("validity") or ""),
    )


def _nearest_column(page: Page) -> Any:
    from cms.pages.models import ColumnPage

    return (
        ColumnPage.objects.filter(path__in=_ancestor_paths(page))
        .order_by("-depth")
        .only("title", "column_type")
        .first()
    )


def _ancestor_paths(page: Page) -> list[str]:
    steplen = Page.steplen
    return [page.path[:end] for end in range(steplen, len(page.path), steplen)]


def _metadata(page: Page) -> dict[str, Any]:
    method = getattr(page, "search_metadata", None)
    if not callable(method):
        return {}
    data = method() or {}
    return {key: data.get(key) for key in METADATA_KEYS if data.get(key)}


def attachment_text(page: Page) -> str:
    """Text of the page's attachments (PDF text, plain text), capped at MAX_ATTACHMENT_CHARS."""
    relation = getattr(page, "attachments", None)
    if relation is None or not hasattr(relation, "all"):
        return ""
    parts: list[str] = []
    remaining = MAX_ATTACHMENT_CHARS
    for item in relation.all():
        document = getattr(item, "document", None)
        if document is None or remaining <= 0:
            continue
        text = _document_text(document, remaining)
        if text:
            parts.append(text)
            remaining -= len(text)
    return "\n".join(parts)[:MAX_ATTACHMENT_CHARS]


def _document_text(document: Any, limit: int) -> str:
    name = (getattr(document.file, "name", "") or "").lower()
    try:
        if name.endswith(".txt"):
            with document.file.open("rb") as handle:
                raw = handle.read(limit * 4)
            return _decode(raw)[:limit]
        if name.endswith(".pdf"):
            return _pdf_text(document, limit)
        suffix = name[name.rfind(".") :]
        if suffix in ZIPPED_XML_TEXT:
            with document.file.open("rb") as handle:
                return _zipped_xml_text(io.BytesIO(handle.read()), ZIPPED_XML_TEXT[suffix], limit)
    except Exception:  # a broken upload must never stop the page being indexed
        logger.warning("无法提取附件文本: %s", name, exc_info=True)
    return ""


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="ignore")


@dataclass(frozen=True)
class ZippedXmlText:
    """Where a zip-of-XML format keeps its text: the members, the text runs in them, and the
    markup that ends a paragraph or cell (becomes a line break)."""

    members: re.Pattern[str]
    run: re.Pattern[str]
    separator: re.Pattern[str] | None = None

    @property
    def scanner(self) -> re.Pattern[str]:
        """Runs (group 1) and separators (no group 1) in document order."""
        if self.separator is None:
            return self.run
        return re.compile(f"{self.run.pattern}|{self.separator.pattern}")


# Word (docx), Excel (xlsx) and OFD (GB/T 33190) are zip archives of XML. Their text is read
# with a pattern over a capped read of each member: no XML parser sees an untrusted upload, and
# a zip bomb costs at most MAX_ZIP_MEMBER_BYTES a member. Legacy .doc/.xls and .wps are binary
# formats and stay unindexed (the page's own text and metadata still are).
ZIPPED_XML_TEXT = {
    ".docx": ZippedXmlText(
        re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$"),
        re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>"),
        re.compile(r"</w:p>"),
    ),
    ".xlsx": ZippedXmlText(
        re.compile(r"^xl/(sharedStrings|worksheets/sheet\d+)\.xml$"),
        re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>"),
        re.compile(r"</si>|</is>"),
    ),
    ".ofd": ZippedXmlText(
        re.compile(r"(^|/)Pages/Page_\d+/Content\.xml$"),
        re.compile(r"<ofd:TextCode(?:\s[^>]*)?>([^<]*)</ofd:TextCode>"),
    ),
}
MAX_ZIP_MEMBER_BYTES = 8 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
_NUMBER = re.compile(r"(\d+)")


def _natural_key(name: str) -> list[Any]:
    """Page_10 after Page_9."""
    return [int(part) if part.isdigit() else part for part in _NUMBER.split(name)]


def _zipped_xml_text(stream: io.BytesIO, layout: ZippedXmlText, limit: int) -> str:
    import zipfile

    pieces: list[str] = []
    total = 0
    with zipfile.ZipFile(stream) as archive:
        names = sorted(
            (n for n in archive.namelist() if layout.members.search(n)), key=_natural_key
        )
        for name in names[:MAX_ZIP_MEMBERS]:
            with archive.open(name) as member:
                xml = member.read(MAX_ZIP_MEMBER_BYTES).decode("utf-8", errors="ignore")
            for match in layout.scanner.finditer(xml):
                text = match.group(1)
                pieces.append("\n" if text is None else html.unescape(text))
            total = sum(map(len, pieces))
            if total >= limit:
                break
    return _SPACES.sub(" ", "".join(pieces)).strip()[:limit]


def _pdf_text(document: Any, limit: int) -> str:
    from pypdf import PdfReader

    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
        chunks: list[str] = []
        total = 0
        for page in reader.pages[:MAX_ATTACHMENT_PAGES]:
            text = page.extract_text() or ""
            chunks.append(text)
            total += len(text)
            if total >= limit:
                break
    return _SPACES.sub(" ", "\n".join(chunks)).strip()[:limit]
