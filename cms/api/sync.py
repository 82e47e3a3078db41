"""Incremental sync (/api/v1/changes/): an app that stores each `next_cursor` and applies every
page (upsert = replace the item, tombstone = delete it) holds exactly the live set of its scope.

The first call (no cursor) returns the current live set page by page (phase `snapshot`, ordered
by page id) and remembers the journal head read at its start; it then continues from that head
through the journal (phase `journal`). A journal page lists each content id once with its state
*now*: resolved with the one listing rule (publicly_listable) and the scope, so an item that was
published, edited, moved, withdrawn, unpublished, deleted or turned 不予公开 ends as an upsert of
its current content or a tombstone. `updated_since` starts from the journal at that moment, or
with a full snapshot (`reset`) when the journal does not reach back that far."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q
from django.http import HttpRequest
from ninja import Field, Query
from ninja.errors import HttpError

from cms.api import cursors
from cms.api.api import api
from cms.api.endpoints import ERRORS, FIRST_DAY, SiteFilter
from cms.api.items import hydrate, listable_items
from cms.api.models import ChangeEntry, JournalHead
from cms.api.schemas import ChangePage
from cms.api.scope import Scope, resolve_scope, within
from cms.pages.updates import ChangeKind as ContentChangeKind

SNAPSHOT = "snapshot"
JOURNAL = "journal"


class SyncParams(SiteFilter):
    cursor: str | None = Field(None, max_length=500, description="上次返回的 next_cursor")
    updated_since: dt.datetime | None = Field(
        None, description="不带游标时：返回此时间（ISO 8601，含时区）之后的变更"
    )
    limit: int = Field(100, ge=1, le=500, description="每页变更数，1–500")


def journal_head() -> int:
    return JournalHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0


def _journal_rows(scope: Scope):
    rows = ChangeEntry.objects.all()
    if scope.site is not None:
        # An item moved to another site is a tombstone here: moves are read by every site.
        rows = rows.filter(
            Q(site_id=scope.site.profile_id)
            | Q(reason=ContentChangeKind.MOVED)
            | Q(site__isnull=True)
        )
    return rows


def _cursor(scope: Scope, **state) -> str:
    return cursors.encode({"k": scope.key, **state})


def snapshot_page(request: HttpRequest, scope: Scope, head: int, after: int, limit: int) -> dict:
    pks = list(
        within(listable_items(), scope)
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[: limit + 1]
    )
    more = len(pks) > limit
    pks = pks[:limit]
    data = hydrate(request, pks)
    changes = [
        {"id": data[pk]["id"], "action": "upsert", "item": data[pk]} for pk in pks if pk in data
    ]
    if more:
        next_cursor = _cursor(scope, p="s", h=head, a=pks[-1])
        has_more = True
    else:
        next_cursor = _cursor(scope, p="j", s=head)
        has_more = _journal_rows(scope).filter(seq__gt=head).exists()
    return {
        "phase": SNAPSHOT,
        "reset": after == 0,
        "changes": changes,
        "next_cursor": next_cursor,
        "has_more": has_more,
    }


def journal_page(request: HttpRequest, scope: Scope, since: int, limit: int) -> dict:
    entries = list(
        _journal_rows(scope)
        .filter(seq__gt=since)
        .order_by("seq")
        .values_list("seq", "content_id", "page_id")[: limit + 1]
    )
    more = len(entries) > limit
    entries = entries[:limit]
    # One row per content id, in the order of its last change within the page.
    latest: dict[str, int] = {}
    for _, cid, page_id in entries:
        latest.pop(cid, None)
        latest[cid] = page_id
    live = set(
        within(listable_items(), scope)
        .filter(pk__in=set(latest.values()))
        .values_list("pk", flat=True)
    )
    data = hydrate(request, list(live))
    changes = []
    for cid, page_id in latest.items():
        item = data.get(page_id)
        if item is not None and item["id"] == cid:
            changes.append({"id": cid, "action": "upsert", "item": item})
        else:
            changes.append({"id": cid, "action": "tombstone", "item": None})
    last = entries[-1][0] if entries else since
    return {
        "phase": JOURNAL,
        "reset": False,
        "changes": changes,
        "next_cursor": _cursor(scope, p="j", s=last),
        "has_more": more,
    }


@api.get("/changes/", response={200: ChangePage, **ERRORS}, tags=["增量同步"], summary="增量同步")
def changes(request: HttpRequest, params: Query[SyncParams]) -> dict:
    """首次调用不带游标：先分页返回当前全部条目（snapshot），再转入增量（journal）。
    每次保存返回的 next_cursor；upsert 表示新增或更新，tombstone 表示应删除。"""
    scope = resolve_scope(request, params.site)
    if params.cursor:
        state = cursors.decode(params.cursor)
        if state.get("k") != scope.key:
            raise HttpError(400, "游标属于另一网站范围的同步，请使用相同的 site 参数。")
        try:
            if state.get("p") == "s":
                return snapshot_page(request, scope, int(state["h"]), int(state["a"]), params.limit)
            if state.get("p") == "j":
                return journal_page(request, scope, int(state["s"]), params.limit)
        except (KeyError, TypeError, ValueError) as exc:
            raise cursors.CursorError("游标无效，请使用接口返回的 next_cursor。") from exc
        raise cursors.CursorError("游标无效，请使用接口返回的 next_cursor。")
    if params.updated_since is not None:
        return _since(request, scope, params.updated_since, params.limit)
    return snapshot_page(request, scope, journal_head(), 0, params.limit)


def _since(request: HttpRequest, scope: Scope, moment: dt.datetime, limit: int) -> dict:
    if moment.tzinfo is None:
        raise HttpError(400, "updated_since 必须带时区，例如 2026-03-01T08:00:00+08:00。")
    if moment.date() < FIRST_DAY:
        moment = dt.datetime.combine(FIRST_DAY, dt.time.min, tzinfo=dt.UTC)
    first = ChangeEntry.objects.order_by("seq").values_list("created_at", flat=True).first()
    if first is None or first > moment:
        # The journal does not reach back that far: start over with the whole live set.
        return snapshot_page(request, scope, journal_head(), 0, limit)
    before = ChangeEntry.objects.filter(created_at__lt=moment).aggregate(last=Max("seq"))["last"]
    return journal_page(request, scope, before or 0, limit)
