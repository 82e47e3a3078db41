"""Import of legacy-site content (JSON Lines, format in docs/import-format.md) into one site.

Each record is imported inside its own savepoint, so a bad record is rejected with a reason and
never stops or half-writes the rest; (site, source_id) rows make a second run skip what is there.
Bodies go through `sanitize_html` (BasePage does it again on save)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from cms.core.publication_gates import PublicationRefused
from cms.core.publishing import publish_page
from cms.core.sanitize import sanitize_html
from cms.disclosure.attachments import check_attachment
from cms.disclosure.models import (
    DisclosureAttachment,
    DisclosurePage,
    ImportedRecord,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    Topic,
)
from cms.disclosure.vocab import (
    CATEGORY_TITLES,
    DisclosureMethod,
    Genre,
    RegulatoryKind,
    Validity,
)
from cms.pages.models import ArticleAttachment, ArticlePage, ColumnPage
from cms.review.confidentiality import confirmed

IMPORT_REVIEWER = "存量信息导入"

RECORD_TYPES = ("article", "disclosure", "interpretation")


class Rejected(Exception):
    """A record that cannot be imported; the message is the reason shown in the report."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (line label, reason)


@dataclass
class ImportContext:
    profile: Any
    base_dir: Path
    columns: list[ColumnPage]
    stored_files: list[str] = field(default_factory=list)


def site_columns(profile) -> list[ColumnPage]:
    return list(
        ColumnPage.objects.descendant_of(profile.site.root_page)
        .only("id", "title", "slug", "url_path", "path", "depth", "column_type")
        .order_by("path")
    )


def resolve_column(value: Any, profile, columns: list[ColumnPage]) -> ColumnPage:
    """A column path (`zwgk/fdzdgknr/fgwj`), a unique slug or a unique title → the column."""
    if not isinstance(value, str) or not value.strip():
        raise Rejected("缺少栏目（column）。")
    text = value.strip().strip("/")
    root_path = profile.site.root_page.url_path
    by_path = {c.url_path[len(root_path) :].strip("/"): c for c in columns}
    if text in by_path:
        return by_path[text]
    for key, candidates in (
        ("slug", [c for c in columns if c.slug == text]),
        ("title", [c for c in columns if c.title == value.strip()]),
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            paths = "、".join(c.url_path[len(root_path) :].strip("/") for c in candidates)
            raise Rejected(f"栏目“{value}”对应多个栏目（{paths}），请写完整路径。")
        del key
    raise Rejected(f"栏目“{value}”在本网站不存在。")


def _text(record: dict, key: str, *, required: bool = False, limit: int | None = None) -> str:
    value = record.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Rejected(f"字段“{key}”应为字符串。")
    value = value.strip()
    if required and not value:
        raise Rejected(f"缺少必填字段“{key}”。")
    if limit and len(value) > limit:
        raise Rejected(f"字段“{key}”超过{limit}字。")
    return value


def _date(record: dict, key: str, *, required: bool = False) -> dt.date | None:
    raw = _text(record, key, required=required)
    if not raw:
        return None
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise Rejected(f"字段“{key}”日期“{raw}”无效，应为 YYYY-MM-DD。")
    return value


def _choice(record: dict, key: str, choices, default: str) -> str:
    value = _text(record, key) or default
    if value not in choices.values:
        raise Rejected(f"字段“{key}”的值“{value}”无效，可选：{'、'.join(choices.values)}。")
    return value


def _published_at(record: dict) -> dt.datetime | None:
    """The old system's record of first publication; None (the system sets it) when absent."""
    raw = _text(record, "published_at")
    if not raw:
        return None
    try:
        value = parse_datetime(raw) or (
            dt.datetime.combine(parse_date(raw), dt.time(9, 0)) if parse_date(raw) else None
        )
    except ValueError:
        value = None
    if value is None:
        raise Rejected(f"字段“published_at”时间“{raw}”无效，应为 ISO 8601 格式。")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now():
        raise Rejected("发布时间不能晚于当前时间。")
    return value


def resolve_organisation(value: str, profile) -> Organisation:
    if not value:
        organisation = (
            Organisation.objects.filter(site=profile).order_by("sort_order", "pk").first()
        )
        if organisation is None:
            raise Rejected("未指定发布机构（organisation），且本网站没有登记机构。")
        return organisation
    organisation = (
        Organisation.objects.filter(credit_code=value.upper()).first()
        or Organisation.objects.filter(name=value).first()
    )
    if organisation is None:
        raise Rejected(f"发布机构“{value}”未登记（按统一社会信用代码或全称查找）。")
    return organisation


def resolve_topic(value: str) -> Topic | None:
    if not value:
        return None
    parts = [
        p.strip() for p in value.replace("/", "\\").replace("›", "\\").split("\\") if p.strip()
    ]
    if len(parts) == 2:
        topic = Topic.objects.filter(parent__name=parts[0], name=parts[1]).first()
    elif len(parts) == 1:
        topic = Topic.objects.filter(parent__isnull=True, name=parts[0]).first()
        if topic is None:
            children = list(Topic.objects.filter(name=parts[0])[:2])
            topic = children[0] if len(children) == 1 else None
    else:
        topic = None
    if topic is None:
        raise Rejected(f"主题分类“{value}”不存在。")
    return topic


def _slug(source_id: str) -> str:
    return "i" + hashlib.sha1(source_id.encode("utf-8")).hexdigest()[:12]


def build_documents(record: dict, ctx: ImportContext) -> list[tuple[Any, str]]:
    """Store the record's attachment files as Documents in the site's collection."""
    items = record.get("attachments") or []
    if not isinstance(items, list):
        raise Rejected("字段“attachments”应为数组。")
    documents = []
    collection = ctx.profile.collection or Collection.get_first_root_node()
    base = ctx.base_dir.resolve()
    for item in items:
        item = {"path": item} if isinstance(item, str) else item
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise Rejected('附件应为 {"path": …, "title": …}。')
        path = (base / item["path"]).resolve()
        if not path.is_relative_to(base):
            raise Rejected(f"附件路径“{item['path']}”超出导入文件所在目录。")
        if not path.is_file():
            raise Rejected(f"附件“{item['path']}”不存在。")
        try:
            with path.open("rb") as handle:
                check_attachment(path.name, path.stat().st_size, handle)
        except ValidationError as error:
            raise Rejected(error.messages[0]) from error
        title = str(item.get("title") or path.stem)[:200]
        with path.open("rb") as handle:
            document = get_document_model()(title=title, collection=collection)
            document.file.save(path.name, File(handle), save=False)
            ctx.stored_files.append(document.file.name)
            document.save()
        documents.append((document, title))
    return documents


def build_page(record: dict, ctx: ImportContext) -> Page:
    kind = _text(record, "type") or "article"
    if kind not in RECORD_TYPES:
        raise Rejected(f"记录类型“{kind}”无效，可选：{'、'.join(RECORD_TYPES)}。")
    column = resolve_column(record.get("column"), ctx.profile, ctx.columns)
    source_id = _text(record, "source_id", required=True)
    published = _published_at(record)
    common = {
        "title": _text(record, "title", required=True, limit=255),
        "slug": _slug(source_id),
        "body": sanitize_html(_text(record, "body", required=True)),
        "keywords": _text(record, "keywords", limit=200),
    }
    source_url = _text(record, "source_url", limit=500)
    if kind == "article":
        page = ArticlePage(
            **common,
            summary=_text(record, "summary", limit=300),
            source=_text(record, "source", limit=100),
            author=_text(record, "author", limit=50),
        )
        page.attachments = [
            ArticleAttachment(document=doc, title=title)
            for doc, title in build_documents(record, ctx)
        ]
    elif kind == "interpretation":
        policies = []
        for policy_source in record.get("interprets") or []:
            link = ImportedRecord.objects.filter(
                site=ctx.profile, source_id=str(policy_source)
            ).first()
            policy = DisclosurePage.objects.filter(pk=link.page_id).first() if link else None
            if policy is None:
                raise Rejected(f"解读的政策文件“{policy_source}”尚未导入（请先导入政策文件）。")
            policies.append(policy)
        if not policies:
            raise Rejected("政策解读必须在“interprets”中列出所解读政策文件的 source_id。")
        organisation = _text(record, "organisation")
        page = InterpretationPage(
            **common,
            summary=_text(record, "summary", limit=300),
            organisation=resolve_organisation(organisation, ctx.profile) if organisation else None,
            source_url=source_url,
        )
        page.interpreted_policies = [InterpretedPolicy(policy=p) for p in policies]
    else:
        category = _text(record, "category")
        if category and category not in CATEGORY_TITLES:
            raise Rejected(f"信息类别“{category}”无效，可选：{'、'.join(CATEGORY_TITLES)}。")
        page = DisclosurePage(
            **common,
            organisation=resolve_organisation(_text(record, "organisation"), ctx.profile),
            index_number=_text(record, "index_number", limit=100),
            document_number=_text(record, "document_number", limit=100),
            written_date=_date(record, "written_date", required=True),
            category=category,
            topic=resolve_topic(_text(record, "topic")),
            genre=_choice(record, "genre", Genre, Genre.NOTICE),
            regulatory_kind=_choice(
                record, "regulatory_kind", RegulatoryKind, RegulatoryKind.OTHER
            ),
            validity=_choice(record, "validity", Validity, Validity.VALID),
            effective_date=_date(record, "effective_date"),
            expiry_date=_date(record, "expiry_date"),
            repeal_date=_date(record, "repeal_date"),
            disclosure_method=_choice(
                record, "disclosure_method", DisclosureMethod, DisclosureMethod.PROACTIVE
            ),
            summary=_text(record, "summary"),
            source_url=source_url,
        )
        page.attachments = [
            DisclosureAttachment(document=doc, title=title)
            for doc, title in build_documents(record, ctx)
        ]
    if isinstance(page, DisclosurePage) and page.index_number:
        from cms.disclosure.models import IssuedIndexNumber

        # A legacy 索引号 is kept as issued by the old site, unless another record holds it.
        if IssuedIndexNumber.objects.filter(number=page.index_number).exists():
            raise Rejected(f"索引号“{page.index_number}”已被其他信息使用。")
    # Through a revision, so the page is indexed, has a history and appears in the publish log.
    # The old site published it after its own 保密审查 (条例 第十七条); the import says so.
    with confirmed(reviewer_name=IMPORT_REVIEWER, note="存量信息，原网站已公开发布"):
        return publish_page(page, parent=column, first_published_at=published)


def import_record(record: Any, ctx: ImportContext) -> tuple[str, Page | None]:
    """Import one parsed record: ('imported', page) or ('skipped', None); raises Rejected."""
    if not isinstance(record, dict):
        raise Rejected("每行应为一个 JSON 对象。")
    source_id = _text(record, "source_id", required=True, limit=200)
    if ImportedRecord.objects.filter(site=ctx.profile, source_id=source_id).exists():
        return "skipped", None
    with transaction.atomic():
        page = build_page(record, ctx)
        if isinstance(page, DisclosurePage):
            page.refresh_from_db(fields=["index_number"])
            if not page.index_number:
                raise Rejected("无法生成索引号。")
        ImportedRecord.objects.create(site=ctx.profile, source_id=source_id, page=page)
    return "imported", page


def import_lines(lines: Iterable[str], profile, base_dir: Path, progress=None) -> ImportReport:
    """Import JSON Lines `lines` into `profile`'s site; never raises for a bad record."""
    report = ImportReport()
    ctx = ImportContext(profile=profile, base_dir=base_dir, columns=site_columns(profile))
    iterator = progress(lines) if progress else lines
    for number, line in enumerate(iterator, start=1):
        if not line.strip():
            continue
        label = f"第{number}行"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.rejected.append((label, f"JSON 格式错误：{error.msg}（第{error.colno}列）"))
            continue
        if isinstance(record, dict) and isinstance(record.get("source_id"), str):
            label = f"{label}（{record['source_id']}）"
        files_before = len(ctx.stored_files)
        try:
            outcome, _page = import_record(record, ctx)
        except Rejected as error:
            reason = str(error)
        except ValidationError as error:
            reason = "；".join(_validation_messages(error))
        except PublicationRefused as error:  # a publication gate (content safety…) refused it
            reason = f"未通过发布前检查：{error}"
        except (DatabaseError, ValueError, TypeError) as error:
            reason = f"无法保存：{error}"
        else:
            (report.imported if outcome == "imported" else report.skipped).append(label)
            continue
        _remove_files(ctx.stored_files[files_before:])
        del ctx.stored_files[files_before:]
        report.rejected.append((label, reason))
    return report


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}：{msg}" for name, msgs in error.message_dict.items() for msg in msgs]
    return list(error.messages)


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)
