"""Build an expensive fixture once per test process, replay it for every later test.

The first test that asks for the fixture builds it through the real code (create_site, publishing,
signals) inside its own transaction; the rows that build added or changed are recorded, table by
table. Every later test in the same process starts from the same migrated database (each test is
rolled back), so writing those rows back gives it the same database the build gave, in a fraction
of the time. Foreign keys are deferred on both SQLite and PostgreSQL (Django creates them
DEFERRABLE INITIALLY DEFERRED), so the insert order does not matter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

Row = tuple[Any, ...]


@dataclass
class TableChange:
    columns: list[str]
    pk_index: int
    removed: list[Any] = field(default_factory=list)  # pks of rows the build changed or deleted
    added: list[Row] = field(default_factory=list)  # rows as the build left them


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        tables = connection.introspection.get_table_list(cursor)
    # FTS5 virtual tables and their shadow tables are written by the search engine only.
    return sorted(t.name for t in tables if t.type == "t" and "fts" not in t.name.lower())


def _read(table: str) -> tuple[list[str], int, dict[Any, Row]] | None:
    with connection.cursor() as cursor:
        pk = connection.introspection.get_primary_key_column(cursor, table)
        if pk is None:
            return None
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        columns = [c[0] for c in cursor.description]
        index = columns.index(pk)
        rows = {row[index]: tuple(_plain(v) for v in row) for row in cursor.fetchall()}
    return columns, index, rows


def _state() -> dict[str, tuple[list[str], int, dict[Any, Row]]]:
    return {table: read for table in _tables() if (read := _read(table)) is not None}


def record(build: Callable[[], Any]) -> tuple[Any, dict[str, TableChange]]:
    """Run `build` and return its result with the table changes it made."""
    before = _state()
    result = build()
    changes: dict[str, TableChange] = {}
    for table, (columns, index, rows) in _state().items():
        old = before.get(table, (columns, index, {}))[2]
        change = TableChange(columns, index)
        change.removed = [pk for pk, row in old.items() if rows.get(pk) != row]
        change.added = [row for pk, row in rows.items() if old.get(pk) != row]
        if change.removed or change.added:
            changes[table] = change
    return result, changes


def replay(changes: dict[str, TableChange]) -> None:
    """Write recorded changes into the current (migrated, empty of them) database."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, change in changes.items():
            pk = quote(change.columns[change.pk_index])
            for start in range(0, len(change.removed), 500):
                chunk = change.removed[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {quote(table)} WHERE {pk} IN ({marks})", chunk)
            if change.added:
                names = ", ".join(quote(c) for c in change.columns)
                marks = ", ".join(["%s"] * len(change.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", change.added
                )
