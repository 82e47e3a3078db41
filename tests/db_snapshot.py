"""Build an expensive fixture once per test process, replay it for every later test.

The first test that asks for the fixture builds it through the real code (create_site, publishing,
signals) inside its own transaction; the rows that build added or changed are recorded, table by
table. Every later test in the same process starts from the same migrated database (each test is
rolled back), so writing those rows back gives it the same database the build gave, in a fraction
of the time. Foreign keys are deferred on both SQLite and PostgreSQL (Django creates them
DEFERRABLE INITIALLY DEFERRED), so the insert order does not matter."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
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


# --- One build per test run, shared by its processes -------------------------------------------
# Each xdist worker has its own test database, migrated the same way. The first worker to ask
# for a snapshot builds and records it and leaves the recording in a file; the others wait for
# that file and replay it instead of running the same minute-long build again.

_SNAPSHOT_ROOT = Path(tempfile.gettempdir()) / "jiyue-test-snapshots"


@dataclass
class Snapshot:
    changes: dict[str, TableChange]
    extra: Any  # what later tests need of the build besides its rows (e.g. a command's output)
    fingerprint: str  # the migrated rows the recorded ids refer to (content types, groups)


_snapshots: dict[str, Snapshot] = {}
_sequences_reset: set[str] = set()


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type ORDER BY id")
        content_types = cursor.fetchall()
        cursor.execute("SELECT id, name FROM auth_group ORDER BY id")
        groups = cursor.fetchall()
    return hashlib.sha256(repr((content_types, groups)).encode()).hexdigest()


def _run_dir() -> Path:
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid{os.getpid()}"
    path = _SNAPSHOT_ROOT / run
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_once(name: str, build: Callable[[], tuple[Any, Any]]) -> tuple[Any, Any]:
    """Give the current test the database `build` makes, building at most once per test run.

    `build` returns `(result, extra)`; `extra` must pickle. Returns `(result, extra)` for the
    test that built, `(None, extra)` for the tests that replayed."""
    snapshot = _snapshots.get(name)
    if snapshot is not None:
        replay(snapshot.changes)
        return None, snapshot.extra
    path = _run_dir() / f"{name}-{connection.vendor}.pickle"
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it right now
        if path.exists():
            snapshot = pickle.loads(path.read_bytes())
            if snapshot.fingerprint == _fingerprint():
                _snapshots[name] = snapshot
                replay(snapshot.changes)
                _reset_sequences(name, snapshot.changes)
                return None, snapshot.extra
        (result, extra), changes = record(build)
        snapshot = Snapshot(changes, extra, _fingerprint())
        _snapshots[name] = snapshot
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(path)
        return result, extra


def _reset_sequences(name: str, changes: dict[str, TableChange]) -> None:
    """PostgreSQL: move each replayed table's id sequence past the replayed ids, once per
    process (sequences ignore rollbacks), so the test's own inserts never reuse one. SQLite
    moves its AUTOINCREMENT counters by itself."""
    if connection.vendor != "postgresql" or name in _sequences_reset:
        return
    _sequences_reset.add(name)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, change in changes.items():
            pk = change.columns[change.pk_index]
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), pk])
            sequence = cursor.fetchone()[0]
            if sequence:
                cursor.execute(
                    f"SELECT setval(%s, (SELECT COALESCE(MAX({quote(pk)}), 1) FROM {quote(table)}))",
                    [sequence],
                )
