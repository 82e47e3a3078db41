"""What the search index holds for a page: `SearchDocument`, `build_documents(pages)` and its
single-page form `build_document(page)` (the same code).

Every engine indexes exactly this shape, so what a citizen can find does not depend on the engine.
Only publicly listable pages get a document (`cms.pages.queries`: live, public, not withdrawn,
not 不予公开, a listable item type), never a shared copy (an alias), and only when they are
inside a site; for the others the result has no document, and the index job removes them.

`build_documents` reads a batch with a fixed number of queries, whatever its size: which pages
are listable, the specific rows (one per page type), their attachments, organisations and
topics (prefetched per type), site profiles and the nearest columns (one query each)."""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.models import Page

from search.text import TextAnalysis, analyse

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

    def analysis(self, name: str) -> TextAnalysis:
        """search.text.analyse of the text field `name`, made once per document: the engine
        indexes its tokens and the vocabulary learns its words from the same jieba pass (that
        pass is most of what indexing costs)."""
        cache = self.__dict__.setdefault("_analyses", {})  # not a field: as_dict leaves it out
        if name not in cache:
            cache[name] = analyse(getattr(self, name))
        return cache[name]

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


def build_document(page: Page) -> SearchDocument | None:
    """The index document of `page`, or None when it must not be in the index."""
    documents = build_documents([page])
    return documents[0] if documents else None


def build_documents(pages: Iterable[Page], *, known_listable: bool = False) -> list[SearchDocument]:
    """Index documents of the publicly listable pages among `pages`, in their order. Pages that
    are already specific instances are used as they are; others are loaded. `known_listable`
    when the caller took `pages` from the listable queryset itself (the rebuild): the rule is
    not asked twice."""
    from cms.pages.queries import listable_ids

    given = list(pages)
    if known_listable:
        listable = {page.pk for page in given}
    else:
        listable = listable_ids(page.pk for page in given)
    # A shared copy (an alias on another site, cms.sharing) is the same record as its original:
    # indexed once, as the original, so cluster search never shows it twice.
    specific = _specific([p for p in given if p.pk in listable and not p.alias_of_id])
    if not specific:
        return []
    _prefetch(specific)
    profiles = _profiles()
    columns = _nearest_columns(specific)
    documents = []
    for page in specific:
        document = _document(page, profiles, columns.get(page.pk))
        if document is not None:
            documents.append(document)
    return documents


def _specific(pages: list[Page]) -> list[Page]:
    """The specific instances of `pages`: one query per page type for those not specific yet."""
    missing = {p.pk for p in pages if type(p) is not p.specific_class}
    loaded: dict[int, Page] = {}
    if missing:
        loaded = {p.pk: p for p in Page.objects.filter(pk__in=missing).specific(defer=False)}
    return [
        loaded[page.pk] if page.pk in missing else page
        for page in pages
        if page.pk not in missing or page.pk in loaded
    ]


def _prefetch(pages: list[Page]) -> None:
    """Per page type: attachments with their documents, and what the type asks for
    (`search_prefetch`, e.g. a disclosure's organisation and topic)."""
    by_model: dict[type, list[Page]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        lookups = list(getattr(model, "search_prefetch", ()))
        if hasattr(model, "attachments"):
            lookups.append("attachments__document")
        if lookups:
            prefetch_related_objects(group, *lookups)
        prepare = getattr(model, "prepare_search_batch", None)
        if callable(prepare):
            prepare(group)


def _profiles() -> dict[int, Any]:
    """site id → profile, for every site of the cluster (one small query)."""
    from sites.models import SiteProfile

    return {profile.site_id: profile for profile in SiteProfile.objects.select_related("site")}


def _nearest_columns(pages: list[Page]) -> dict[int, Any]:
    """page id → the deepest column above it (one query for the whole batch)."""
    from cms.pages.models import ColumnPage

    paths = {path for page in pages for path in _ancestor_paths(page)}
    columns = {
        column.path: column
        for column in ColumnPage.objects.filter(path__in=paths).only(
            "title", "column_type", "path", "depth"
        )
    }
    nearest = {}
    for page in pages:
        for path in reversed(_ancestor_paths(page)):
            if path in columns:
                nearest[page.pk] = columns[path]
                break
    return nearest


def _document(page: Page, profiles: dict[int, Any], column: Any) -> SearchDocument | None:
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    site_id, root_url, page_path = url_parts
    profile = profiles.get(site_id)
    metadata = _metadata(page)
    organisation = (
        metadata.get("organisation")
        or getattr(page, "source", "")
        or (profile.default_source if profile else "")
    )
    body = html_to_text(getattr(page, "body", ""))[:MAX_BODY_CHARS]
    return SearchDocument(
        id=page.pk,
        site_id=site_id,
        site_name=profile.canonical_name if profile else "",
        site_code=profile.site_code if profile else "",
        column_title=column.title if column else "",
        column_type=column.column_type if column else "",
        content_type=str(page._meta.verbose_name),
        organisation=str(organisation),
        title=page.title,
        summary=str(getattr(page, "summary", "") or ""),
        body=body,
        attachment_text=attachment_text(page),
        url=(root_url or "") + page_path,
        published_at=page.first_published_at,
        updated_at=page.last_published_at,
        index_number=str(metadata.get("index_number") or ""),
        document_number=str(metadata.get("document_number") or ""),
        topic=str(metadata.get("topic") or ""),
        genre=str(metadata.get("genre") or ""),
        validity=str(metadata.get("validity") or ""),
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
