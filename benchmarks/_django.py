"""Start Django for a benchmark script: on the database given, or on a fresh SQLite file in a
throwaway folder (returned, for the script to remove), with quiet logging and dev settings."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(database_url: str | None, prefix: str, *, media: bool = False, **env: str):
    """Point DATABASE_URL at `database_url` or a new temp SQLite file, set `env` defaults, and
    call django.setup(). Returns the temp folder, or None when a database was given."""
    tmp = None
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        tmp = tempfile.mkdtemp(prefix=prefix)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        if media:
            os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("JIYUE_LOG_LEVEL", "ERROR")
    for name, value in env.items():
        os.environ.setdefault(name, value)
    import django

    django.setup()
    return tmp
