"""Verifying the chain: `verify_chain()` walks every entry in sequence order, in bounded memory,
recomputes each entry's hash and checks it links to the one before, then checks the head row and
that no live page's first publication time differs from the one the log recorded. The audit
scorecard and `manage.py verify_publication_log` both call it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.publication_log.hashing import GENESIS_HASH, content_hash, entry_hash, format_time
from cms.publication_log.models import ChainHead, PublicationEntry

CHUNK_SIZE = 2000


@dataclass
class VerificationResult:
    ok: bool
    checked: int
    reason: str
    first_broken: PublicationEntry | None = None
    head_hash: str = GENESIS_HASH
    verified_at: dt.datetime = field(default_factory=timezone.now)

    def summary(self) -> str:
        return self.reason


def describe(entry: PublicationEntry) -> str:
    when = timezone.localtime(entry.recorded_at).strftime("%Y-%m-%d %H:%M:%S")
    return f"第 {entry.seq} 条记录（ID {entry.pk}，页面 {entry.page_id}《{entry.page_title}》，{when}）"


def _what_differs(entry: PublicationEntry) -> str:
    """Best-effort name of the altered field of an entry whose hash no longer matches, by
    comparing it with what the rest of the database still says."""
    differences = []
    page = Page.objects.filter(pk=entry.page_id).values("first_published_at").first()
    if (
        page is not None
        and entry.first_published_at is not None
        and page["first_published_at"] is not None
        and page["first_published_at"] != entry.first_published_at
    ):
        differences.append(
            f"记录的首次发布时间 {format_time(entry.first_published_at)} 与页面的 "
            f"{format_time(page['first_published_at'])} 不符"
        )
    if entry.revision_id is not None:
        revision = (
            Revision.objects.filter(pk=entry.revision_id).values("object_id", "content").first()
        )
        if revision is None or revision["object_id"] != str(entry.page_id):
            differences.append(f"修订 ID {entry.revision_id} 不是该页面的修订")
        elif content_hash(revision["content"]) != entry.content_hash:
            differences.append(f"内容哈希与修订 {entry.revision_id} 的内容不符")
    detail = (
        "；".join(differences) if differences else "发布时间、修订 ID、内容哈希或其他字段已被改动"
    )
    return f"记录内容与其 SHA-256 不符（{detail}）"


def _broken(
    checked: int, entry: PublicationEntry | None, reason: str, head: str
) -> VerificationResult:
    return VerificationResult(
        ok=False, checked=checked, reason=reason, first_broken=entry, head_hash=head
    )


def _date_mismatch() -> PublicationEntry | None:
    """The first entry whose recorded first publication time differs from the page's today: the
    page table was changed behind the log's back."""
    current = Page.objects.filter(pk=OuterRef("page_id")).values("first_published_at")[:1]
    candidates = (
        PublicationEntry.objects.filter(first_published_at__isnull=False)
        .annotate(current=Subquery(current))
        .filter(current__isnull=False)
        .exclude(current=F("first_published_at"))
        .order_by("seq")
    )
    return candidates.first()


def verify_chain() -> VerificationResult:
    running = GENESIS_HASH
    expected_seq = 1
    checked = 0
    entries = PublicationEntry.objects.order_by("seq", "pk")
    for entry in entries.iterator(chunk_size=CHUNK_SIZE):
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = entry.seq - expected_seq
                reason = (
                    f"{describe(entry)}之前缺少 {missing} 条记录（第 {expected_seq} 条起被删除）。"
                )
            else:
                reason = f"{describe(entry)}的序号重复或倒退（应为第 {expected_seq} 条）。"
            return _broken(checked, entry, reason, running)
        if entry.previous_hash != running:
            reason = (
                f"{describe(entry)}记录的前一条哈希与链上前一条记录不符（前一条记录被改动或删除）。"
            )
            return _broken(checked, entry, reason, running)
        if entry_hash(entry.hashed_fields()) != entry.entry_hash:
            return _broken(checked, entry, f"{describe(entry)}：{_what_differs(entry)}。", running)
        running = entry.entry_hash
        expected_seq += 1
        checked += 1

    head = ChainHead.objects.filter(pk=ChainHead.HEAD_PK).first()
    last_seq = expected_seq - 1
    if head is None:
        if checked:
            return _broken(checked, None, "链尾记录缺失，无法确认最后的记录未被删除。", running)
    elif head.last_seq != last_seq or head.last_hash != running:
        if head.last_seq > last_seq:
            reason = (
                f"链尾为第 {head.last_seq} 条，但记录只到第 {last_seq} 条："
                f"最后 {head.last_seq - last_seq} 条记录被删除。"
            )
        else:
            reason = f"链尾（第 {head.last_seq} 条，{head.last_hash[:16]}…）与最后一条记录不符。"
        return _broken(checked, None, reason, running)

    mismatch = _date_mismatch()
    if mismatch is not None:
        reason = (
            f"页面 {mismatch.page_id}《{mismatch.page_title}》的首次发布时间现为 "
            f"{format_time(mismatch.current)}，与{describe(mismatch)}中的 "
            f"{format_time(mismatch.first_published_at)} 不符（页面数据被改动）。"
        )
        return _broken(checked, mismatch, reason, running)

    reason = f"发布记录链完整：已核验 {checked} 条记录，链尾哈希 {running}。"
    return VerificationResult(ok=True, checked=checked, reason=reason, head_hash=running)
