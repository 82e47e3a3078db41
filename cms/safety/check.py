"""The content-safety check: one function over a list of field texts, used by the publication
gate, the page editor, imports (through the gate) and message-board replies.

STANDARDS.md §2 严重表述错误 (protected terms), 敏感词 (the platform's editable list), and
《个人信息保护法》 第二十八条/第五十一条 (personal data published unmasked)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.safety.matcher import get_matcher
from cms.safety.models import Severity
from cms.safety.personal_data import find_personal_data
from cms.safety.text import FieldText, plain_field, rich_field

CONTEXT_CHARS = 8

PERSONAL_DATA = {
    "id_card": (
        "居民身份证号",
        "未脱敏的居民身份证号",
        "隐去出生日期等中间位，如 6101**********1234",
    ),
    "mobile": ("手机号码", "未脱敏的手机号码", "隐去中间四位，如 138****5678"),
    "bank_card": ("银行卡号", "未脱敏的银行卡号", "只保留后四位，如 **** **** **** 1234"),
    "uscc_person": (
        "个体工商户统一社会信用代码",
        "未脱敏的个体工商户统一社会信用代码（个人信息）",
        "隐去主体标识码，如 92610100*********X",
    ),
}


@dataclass(frozen=True)
class Finding:
    field: str  # model field name, e.g. "body"
    field_label: str  # its Chinese label, e.g. "正文"
    kind: str  # "protected", "sensitive" or a PERSONAL_DATA key
    category: str  # Chinese
    matched: str  # the offending text as written
    position: int  # offset in the field's plain text
    source_position: int  # offset in the stored value (the HTML of a rich text field)
    context: str  # the text around it, for the editor and for matching an override
    suggestion: str
    message: str  # Chinese, with field, position and excerpt
    # A sensitive word listed as 禁止发布 must be taken out; anything else a moderator may let
    # through with a reason (a quoted misspelling, a number that is public by law).
    overridable: bool = True

    @property
    def key(self) -> tuple[str, str, str]:
        """What an override is recorded against: the same words in the same field of the same
        page, wherever later edits (of the surrounding text too) move them."""
        return (self.field, self.kind, self.matched)


def check_texts(fields: Iterable[FieldText]) -> list[Finding]:
    matcher = get_matcher()
    findings: list[Finding] = []
    for field in fields:
        if not field.text:
            continue
        for hit in matcher.hits(field.text):
            pattern = hit.pattern
            if pattern.kind == "protected":
                what = f"“{pattern.text}”应为“{pattern.suggestion}”（{pattern.category}）"
                suggestion = f"改为“{pattern.suggestion}”"
                category = pattern.category
            else:
                level = "禁止发布" if pattern.severity == Severity.BLOCK else "须审核确认"
                what = f"含敏感词“{pattern.text}”（{pattern.category}，{level}）"
                suggestion = pattern.suggestion or "删除或改写"
                category = pattern.category
            finding = _finding(field, hit.start, hit.end, pattern.kind, category, what, suggestion)
            if pattern.kind == "sensitive" and pattern.severity == Severity.BLOCK:
                finding = replace(finding, overridable=False)
            findings.append(finding)
        for kind, (start, end), matched in find_personal_data(field.text):
            category, what, suggestion = PERSONAL_DATA[kind]
            findings.append(
                _finding(field, start, end, kind, category, f"{what}“{matched}”", suggestion)
            )
    findings.sort(key=lambda finding: (finding.field, finding.position))
    return findings


def _finding(
    field: FieldText, start: int, end: int, kind: str, category: str, what: str, suggestion: str
) -> Finding:
    text = field.text
    context = text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS].replace("\n", " ").strip()
    message = f"{field.label}第{start + 1}字处：{what}，原文“…{context}…”；建议：{suggestion}。"
    return Finding(
        field=field.name,
        field_label=field.label,
        kind=kind,
        category=category,
        matched=text[start:end],
        position=start,
        source_position=field.source_position(start),
        context=context,
        suggestion=suggestion,
        message=message,
    )


# Of Wagtail's own page fields only these carry text the public reads.
_PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
_NOT_TEXT = (models.SlugField, models.URLField, models.EmailField)


def page_text_fields(page: Page) -> list[FieldText]:
    """The text of every field of `page` the public reads: title, SEO title and description, and
    each text, rich text and StreamField field its page type adds (choices and codes excluded)."""
    texts: list[FieldText] = []
    own_fields = {field.name for field in Page._meta.concrete_fields}
    for field in type(page)._meta.concrete_fields:
        if field.name in own_fields and field.name not in _PAGE_TEXT_FIELDS:
            continue
        label = str(field.verbose_name)
        value = getattr(page, field.attname, None)
        if isinstance(field, RichTextField):
            texts.append(rich_field(field.name, label, value or ""))
        elif isinstance(field, StreamField):
            texts.append(rich_field(field.name, label, _stream_text(value)))
        elif (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, _NOT_TEXT)
            and not field.choices
            and isinstance(value, str)
        ):
            texts.append(plain_field(field.name, label, value))
    return texts


def _stream_text(value) -> str:
    """A StreamField's strings in order, each as a block of its own (rich text blocks keep HTML)."""
    if value is None:
        return ""
    strings: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            strings.append(f"<p>{node}</p>")
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    raw = getattr(value, "raw_data", value)
    walk([block.get("value") if isinstance(block, dict) else block for block in raw])
    return "".join(strings)


def check_page(page: Page) -> list[Finding]:
    return check_texts(page_text_fields(page))


def check_plain(name: str, label: str, value: str) -> list[Finding]:
    """For text outside pages (message-board replies)."""
    return check_texts([plain_field(name, label, value)])
