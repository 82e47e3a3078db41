"""Answered public messages in unified search (search.sources): a message is indexed with its
published reply, on the board of the site where it was filed, only while it is public and
answered. Private, invalid, unanswered messages, and replies still awaiting review, never are;
every save of a message or a reply re-indexes it, so a message made private or invalid, or
deleted, leaves the index. (STANDARDS.md §2: answered messages are published and searchable.)"""

from __future__ import annotations

from typing import Any

from search.documents import SearchDocument
from search.sources import DocumentSource

CONTENT_TYPE = "留言"
SOURCE_KEY = "message"
SOURCE_SLOT = 1


def _boards(site_ids: set[int]) -> dict[int, Any]:
    """SiteProfile id → its publicly visible board (first in tree order), one query per site."""
    from cms.interaction.models import MessageBoardPage
    from cms.pages.queries import publicly_visible
    from sites.models import SiteProfile

    boards = {}
    for profile in SiteProfile.objects.filter(pk__in=site_ids).select_related("site__root_page"):
        board = (
            publicly_visible(MessageBoardPage.objects.live())
            .descendant_of(profile.site.root_page, inclusive=True)
            .order_by("path")
            .first()
        )
        if board is not None:
            boards[profile.pk] = (profile, board, board.get_url_parts())
    return boards


def build(pks: list[int]) -> list[SearchDocument]:
    from django.db.models import Prefetch

    from cms.interaction.models import Message, MessageReply

    published = MessageReply.objects.filter(published_at__isnull=False).select_related(
        "organisation"
    )
    messages = list(
        Message.objects.public_answered()
        .filter(pk__in=pks)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("replies", queryset=published.order_by("-published_at"), to_attr="published")
        )
    )
    boards = _boards({m.origin_site_id for m in messages})
    documents = []
    for message in messages:
        reply = message.published[0] if message.published else None
        found = boards.get(message.origin_site_id)
        if reply is None or found is None or found[2] is None:
            continue
        profile, board, (site_id, root_url, board_path) = found
        organisation = reply.organisation.name if reply.organisation_id else ""
        detail = board.reverse_subpage("detail_view", args=[message.pk])
        documents.append(
            SearchDocument(
                id=source.document_id(message.pk),
                site_id=site_id,
                site_name=profile.canonical_name,
                site_code=profile.site_code,
                column_title=board.title,
                column_type=str(board.meta_column_type),
                content_type=CONTENT_TYPE,
                organisation=organisation,
                title=message.subject,
                summary=f"{message.get_kind_display()}｜{organisation}答复",
                body=f"{message.content}\n答复：{reply.body}",
                attachment_text="",
                url=(root_url or "") + board_path + detail,
                published_at=message.answered_at or reply.published_at,
                updated_at=reply.published_at,
            )
        )
    return documents


def all_pks() -> Any:
    from cms.interaction.models import Message

    return (
        Message.objects.public_answered().order_by("answered_at", "pk").values_list("pk", flat=True)
    )


def _message_pk(instance: Any) -> int | None:
    return instance.pk


def _reply_message_pk(instance: Any) -> int | None:
    return instance.message_id


def _watch() -> dict[type, Any]:
    from cms.interaction.models import Message, MessageReply

    return {Message: _message_pk, MessageReply: _reply_message_pk}


source = DocumentSource(
    key=SOURCE_KEY,
    slot=SOURCE_SLOT,
    content_type=CONTENT_TYPE,
    build=build,
    all_pks=all_pks,
)


def register() -> None:
    """Called from the app's ready(), when the models can be imported."""
    from dataclasses import replace

    from search import sources

    sources.register(replace(source, watch=_watch()))
