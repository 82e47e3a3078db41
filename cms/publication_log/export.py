"""The auditor's export: the chain as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese
text), one row per entry, followed by the verification note: how to recompute the hashes, the
result of verifying the whole chain and when it was verified."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import TextIO

from django.db.models import QuerySet
from django.utils import timezone

from cms.publication_log.chain import CHUNK_SIZE, VerificationResult, verify_chain
from cms.publication_log.hashing import ENTRY_FIELDS, GENESIS_HASH, HASH_VERSION, format_time
from cms.publication_log.models import BACKDATING_RULE, RETENTION_RULE, PublicationEntry

HEADER = (
    "序号 seq",
    "记录时间 recorded_at (UTC)",
    "操作 action",
    "操作名称",
    "页面ID page_id",
    "页面标题 page_title",
    "网站ID site_id",
    "修订ID revision_id",
    "操作人ID user_id",
    "操作人 username",
    "首次发布时间 first_published_at (UTC)",
    "内容SHA-256 content_hash",
    "前一条SHA-256 previous_hash",
    "本条SHA-256 entry_hash",
    "说明 note",
)


def verification_note(result: VerificationResult, *, scope: str) -> list[str]:
    fields = ", ".join(ENTRY_FIELDS)
    status = "通过" if result.ok else "未通过"
    return [
        "核验说明",
        f"导出范围：{scope}",
        f"核验时间：{timezone.localtime(result.verified_at):%Y-%m-%d %H:%M:%S %Z}",
        f"核验结果：{status}。{result.reason}",
        f"链尾哈希：{result.head_hash}（请留存；下次导出时链尾之前的记录应保持不变，可据此发现整链重写）",
        "复算方法：对每条记录，按顺序取 "
        f"[{HASH_VERSION}, {fields}] 组成 JSON 数组（UTF-8，不转义中文，键排序，无空格，"
        "时间为 UTC 格式 YYYY-MM-DDTHH:MM:SS.ffffffZ，空值为 null，ID 为整数），"
        "其 SHA-256 十六进制值应等于“本条SHA-256”；",
        f"第 1 条的“前一条SHA-256”为 {GENESIS_HASH}，其后每条的“前一条SHA-256”应等于上一条的“本条SHA-256”，"
        "序号应连续；",
        "内容SHA-256 为该修订内容（去除 live、path、first_published_at 等页面状态字段后）"
        "按同样规则序列化后的 SHA-256；命令 python manage.py verify_publication_log 执行上述全部核验。",
        f"依据：{RETENTION_RULE}；{BACKDATING_RULE}。本记录只能追加，不会删除。",
    ]


def _row(entry: PublicationEntry) -> list[object]:
    return [
        entry.seq,
        format_time(entry.recorded_at),
        entry.action,
        entry.get_action_display(),
        entry.page_id,
        entry.page_title,
        "" if entry.site_id is None else entry.site_id,
        "" if entry.revision_id is None else entry.revision_id,
        "" if entry.user_id is None else entry.user_id,
        entry.username,
        format_time(entry.first_published_at) or "",
        entry.content_hash,
        entry.previous_hash,
        entry.entry_hash,
        entry.note,
    ]


def csv_rows(
    entries: QuerySet[PublicationEntry], *, scope: str, result: VerificationResult | None = None
) -> Iterator[list[object]]:
    """Header, entries (read in chunks), a blank row and the note, one cell per line."""
    result = result or verify_chain()
    yield list(HEADER)
    for entry in entries.order_by("seq").iterator(chunk_size=CHUNK_SIZE):
        yield _row(entry)
    yield []
    for line in verification_note(result, scope=scope):
        yield [line]


def write_csv(handle: TextIO, rows: Iterable[list[object]]) -> int:
    handle.write("\ufeff")
    writer = csv.writer(handle)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
