"""Internal links that lead nowhere: rich-text links (`<a linktype="page" id="…">`) and page-link
fields of live pages pointing at pages that are unpublished, withdrawn or deleted. Gathered with
one query per rich-text model plus one for the targets; `broken_links` is pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.audit import links
from cms.audit import rules as R
from cms.audit.data import Finding
from cms.audit.rules import Severity

# Keeps each IN (...) list well under SQLite's bound-parameter limit.
TARGET_CHUNK = 5000
ANCHOR = re.compile(r"<a\b[^>]*>")
PAGE_ID = re.compile(r'\bid="(\d+)"')


@dataclass(frozen=True)
class LinkSource:
    page_id: int
    site_id: int
    title: str
    target_ids: tuple[int, ...]


@dataclass(frozen=True)
class TargetState:
    live: bool
    withdrawn: bool
    title: str


def page_link_ids(html: str) -> tuple[int, ...]:
    ids = []
    for tag in ANCHOR.findall(html or ""):
        match = PAGE_ID.search(tag)
        if 'linktype="page"' in tag and match:
            ids.append(int(match.group(1)))
    return tuple(dict.fromkeys(ids))


def broken_links(source: LinkSource, targets: dict[int, TargetState]) -> list[Finding]:
    findings = []
    for target_id in source.target_ids:
        state = targets.get(target_id)
        if state is None:
            why = f"链接的页面（ID {target_id}）已删除"
        elif state.withdrawn:
            why = f"链接的页面“{state.title}”已撤稿"
        elif not state.live:
            why = f"链接的页面“{state.title}”未发布"
        else:
            continue
        findings.append(
            Finding(
                Severity.DEDUCTION,
                R.INTERNAL_LINK_BROKEN,
                source.site_id,
                "page",
                source.page_id,
                source.title,
                f"{why}，请修改或删除该链接。",
                links.page_edit(source.page_id),
            )
        )
    return findings


def gather_sources(site_of) -> list[LinkSource]:
    """Live pages whose rich text links to pages, and live interpretations' linked policies."""
    from django.apps import apps
    from django.db.models import Q
    from wagtail.fields import RichTextField
    from wagtail.models import Page

    sources: dict[int, LinkSource] = {}
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        fields = [
            f.attname for f in model._meta.local_concrete_fields if isinstance(f, RichTextField)
        ]
        if not fields:
            continue
        query = Q()
        for name in fields:
            query |= Q(**{f"{name}__contains": 'linktype="page"'})
        for row in model.objects.live().filter(query).values("id", "path", "title", *fields):
            site_id = site_of(row["path"])
            ids = tuple(i for name in fields for i in page_link_ids(row[name]))
            if site_id is not None and ids:
                old = sources.get(row["id"])
                merged = tuple(dict.fromkeys((*(old.target_ids if old else ()), *ids)))
                sources[row["id"]] = LinkSource(row["id"], site_id, row["title"], merged)
    from cms.disclosure.models import InterpretedPolicy

    for page_id, path, title, policy_id in InterpretedPolicy.objects.filter(
        page__live=True
    ).values_list("page_id", "page__path", "page__title", "policy_id"):
        site_id = site_of(path)
        if site_id is None:
            continue
        old = sources.get(page_id)
        merged = tuple(dict.fromkeys((*(old.target_ids if old else ()), policy_id)))
        sources[page_id] = LinkSource(page_id, site_id, title, merged)
    return list(sources.values())


def gather_targets(sources: list[LinkSource]) -> dict[int, TargetState]:
    from wagtail.models import Page

    ids = sorted({i for s in sources for i in s.target_ids})
    states: dict[int, TargetState] = {}
    for start in range(0, len(ids), TARGET_CHUNK):
        chunk = ids[start : start + TARGET_CHUNK]
        for row in Page.objects.filter(pk__in=chunk).values("id", "live", "title", "withdrawal"):
            states[row["id"]] = TargetState(
                row["live"], row["withdrawal"] is not None, row["title"]
            )
    return states
