"""Dependency recording: while a public response is rendered, note what it read, so that purging
and static publishing follow what each page really showed rather than a guess (issue 14 item 1).

Three kinds of key, all recorded without the templates or views saying anything:

- `page:<id>`: every page instance loaded from the database (Django's `post_init`), whether the
  page itself, an item of a list, a column of the navigation or a breadcrumb. A change of that
  page touches the URL.
- `list:<model>:<path>` / `list:<model>:*`: every query built on the one publicly-listable rule
  (`cms.pages.queries.publicly_visible`, which every public list, block, catalogue, feed and
  sitemap uses) records, when it is executed, the model it lists and the tree paths its filter
  confines it to (`descendant_of`, `child_of`, `path__startswith`), or `*` for an unconfined
  (cluster-wide) list. A page that starts or stops being listable touches every list of its
  type whose confinement covers it, even a list it was never shown in.
- `site:<id>`: the site of the rendered URL. Its navigation, header and footer come from the
  site's column tree, so a change of a page that is not a list item (a column, a home page)
  touches every URL of its site.

The collector is a context variable, active only around a render (`collecting()`); outside one,
the hooks cost a context-variable read."""

from __future__ import annotations

import contextvars
import hashlib
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import Lookup, QuerySet
from django.db.models.signals import post_init
from django.db.models.sql import Query
from django.db.models.sql.where import AND, WhereNode
from wagtail.models import Page

ANY_PATH = "*"
MEMO_SECONDS = 24 * 3600
BULK_ROWS = 500  # rows per INSERT / paths per DELETE, under SQLite's parameter limit
WRITE_ATTEMPTS = 5

_collector: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "jiyue_static_dependencies", default=None
)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect the keys read inside the block into the yielded set."""
    keys: set[str] = set()
    token = _collector.set(keys)
    try:
        yield keys
    finally:
        _collector.reset(token)


def active() -> bool:
    return _collector.get() is not None


def record(*keys: str) -> None:
    collector = _collector.get()
    if collector is not None:
        collector.update(keys)


# --- keys ---------------------------------------------------------------------------------------


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def site_key(site_id: int) -> str:
    return f"site:{site_id}"


def list_key(model_label: str, path: str) -> str:
    return f"list:{model_label}:{path}"


def model_labels(model: type) -> list[str]:
    """The concrete page models a page of `model` is also a row of (its class up to Page), since
    a list of any of them can show it."""
    return [
        cls._meta.label_lower
        for cls in model.__mro__
        if isinstance(cls, type)
        and issubclass(cls, Page)
        and not cls._meta.abstract
        and not cls._meta.proxy
    ]


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of a page and of each of its ancestors (treebeard's fixed-step paths)."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def list_keys_covering(model: type, paths: Iterable[str]) -> list[str]:
    """Keys of every list of `model` (or a parent model) that a page at one of `paths` can
    appear in: the unconfined lists and those confined to the page's subtree or an ancestor's."""
    prefixes = {ANY_PATH}
    for path in paths:
        prefixes.update(ancestor_paths(path))
    return [list_key(label, prefix) for label in model_labels(model) for prefix in prefixes]


# --- listing queries ----------------------------------------------------------------------------


def _confinement(node) -> set[str] | None:
    """The path prefixes a WHERE condition confines rows to, or None when it does not."""
    if isinstance(node, WhereNode):
        if node.negated or not node.children:
            return None
        parts = [_confinement(child) for child in node.children]
        if node.connector == AND:
            confined = [part for part in parts if part is not None]
            # Every conjunct must hold, so any one confinement bounds the rows.
            return min(confined, key=len) if confined else None
        if any(part is None for part in parts):
            return None
        return set().union(*parts)  # type: ignore[arg-type]
    if (
        isinstance(node, Lookup)
        and node.lookup_name == "startswith"
        and isinstance(node.rhs, str)
        and getattr(getattr(node.lhs, "target", None), "name", None) == "path"
    ):
        return {node.rhs}
    return None


class ListingQuery(Query):
    """A query on the publicly-listable rule: records its list key when it is compiled (every
    evaluation, count, exists and subquery compiles it, after all filters are applied). Cloning
    keeps the class, so the filters callers add later are part of what is recorded."""

    def get_compiler(self, *args, **kwargs):
        collector = _collector.get()
        if collector is not None:
            prefixes = _confinement(self.where) or {ANY_PATH}
            collector.update(list_key(self.model._meta.label_lower, p) for p in prefixes)
        return super().get_compiler(*args, **kwargs)


def mark_listing(queryset: QuerySet) -> QuerySet:
    """Have `queryset` (a fresh one, owned by the caller) record itself as a list when run."""
    if type(queryset.query) is Query:
        queryset.query.__class__ = ListingQuery
    return queryset


def unrecorded(queryset: QuerySet) -> QuerySet:
    """A listing `queryset` (a fresh one) that records no list key: for a lookup whose every
    dependency is accounted for otherwise (cms.pages.queries.neighbours_at)."""
    if type(queryset.query) is ListingQuery:
        queryset.query.__class__ = Query
    return queryset


# --- page reads ---------------------------------------------------------------------------------


def _page_loaded(sender, instance, **kwargs) -> None:
    collector = _collector.get()
    if collector is not None and instance.pk is not None:
        collector.add(page_key(instance.pk))


def connect() -> None:
    for model in apps.get_models():
        if issubclass(model, Page):
            post_init.connect(_page_loaded, sender=model, dispatch_uid=f"staticsite_{model}")


# --- storage ------------------------------------------------------------------------------------


def _memo_key(site_id: int, path: str) -> str:
    return "jiyue:staticsite:deps:" + hashlib.sha256(f"{site_id}|{path}".encode()).hexdigest()


def _digest(keys: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def store(site_id: int, path: str, keys: Iterable[str], *, force: bool = True) -> None:
    """Replace the recorded dependencies of one URL. Without `force`, a set already stored (as
    the cache remembers) is not written again, so serving a page does not write on every hit."""
    keys = set(keys)
    if not force and cache.get(_memo_key(site_id, path)) == _digest(keys):
        return
    store_many([(site_id, path, keys)])


def store_many(entries: Iterable[tuple[int, str, Iterable[str]]]) -> None:
    """Replace the recorded dependencies of many URLs in one transaction: one delete per site
    and one insert for all rows, instead of a transaction, a delete and an insert per URL
    (a full publication renders tens of thousands)."""
    from cms.staticsite.models import Dependency

    by_url = {(site_id, path): set(keys) for site_id, path, keys in entries}
    if not by_url:
        return
    rows = [
        Dependency(site_id=site_id, path=path, key=key)
        for (site_id, path), keys in by_url.items()
        for key in sorted(keys)
    ]
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _delete(by_url)
                Dependency.objects.bulk_create(rows, batch_size=BULK_ROWS)
            break
        except OperationalError:
            # SQLite: a transaction whose delete found nothing holds only a read snapshot, and
            # when another process (a `--jobs` worker, the task worker) wrote meanwhile its
            # insert fails at once with "database is locked", not after the busy timeout. The
            # remedy is to run the transaction again; inside a caller's transaction it cannot be.
            if attempt == WRITE_ATTEMPTS or connection.in_atomic_block:
                raise
            time.sleep(0.05 * attempt)
    cache.set_many({_memo_key(*url): _digest(keys) for url, keys in by_url.items()}, MEMO_SECONDS)


def forget(site_id: int, path: str) -> None:
    forget_many([(site_id, path)])


def forget_many(urls: Iterable[tuple[int, str]]) -> None:
    urls = set(urls)
    if not urls:
        return
    _delete(urls)
    cache.delete_many([_memo_key(*url) for url in urls])


def _delete(urls: Iterable[tuple[int, str]]) -> None:
    from cms.staticsite.models import Dependency

    paths_by_site: dict[int, list[str]] = {}
    for site_id, path in urls:
        paths_by_site.setdefault(site_id, []).append(path)
    for site_id, paths in paths_by_site.items():
        for start in range(0, len(paths), BULK_ROWS):
            chunk = paths[start : start + BULK_ROWS]
            Dependency.objects.filter(site_id=site_id, path__in=chunk).delete()
