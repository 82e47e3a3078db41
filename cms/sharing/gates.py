"""The publication gate that keeps shared copies behind the gates too.

Wagtail updates an alias when its original is published (`Page.update_aliases`): it copies the
content and saves the alias live without calling `publish()`, so no gate would see the copy.
This gate runs, when an original with copies is published, every other gate for each copy with
the original's revision: a revision that may not appear on a receiving site is refused before
anything (original or copy) is published."""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from wagtail.models import Page

from cms.core.publication_gates import GateFinding, findings_for

_checking_copies: ContextVar[bool] = ContextVar("sharing_checking_copies", default=False)


def shared_copies_gate(page: Any, revision: Any, user: Any) -> Iterator[GateFinding]:
    if _checking_copies.get() or getattr(page, "pk", None) is None:
        return
    copies = list(Page.objects.filter(alias_of_id=page.pk).specific())
    if not copies:
        return
    token = _checking_copies.set(True)
    try:
        for copy in copies:
            for finding in findings_for(copy, revision, user):
                yield GateFinding(
                    gate=finding.gate,
                    message=f"共享副本“{copy.title}”（{copy.url_path}）：{finding.message}",
                    field=finding.field,
                    position=finding.position,
                    excerpt=finding.excerpt,
                )
    finally:
        _checking_copies.reset(token)
