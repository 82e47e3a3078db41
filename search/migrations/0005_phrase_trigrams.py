"""Trigram indexes for quoted phrases on PostgreSQL (search.engines.postgres): pg_trgm GIN
indexes on the stored title and body, which LIKE and ILIKE '%phrase%' use. pg_trgm ships with
PostgreSQL and is a trusted extension: the database owner may create it. SQLite needs nothing
(its FTS5 trigram table is migration 0002); other databases get nothing."""

from django.db import migrations

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_indextext_body_trgm "
    "ON search_indextext USING gin (body gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_trgm "
    "ON search_indexentry USING gin (title gin_trgm_ops)",
]
# The extension stays: other schemas may use it.
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_indexentry_title_trgm",
    "DROP INDEX IF EXISTS search_indextext_body_trgm",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_default_synonyms")]

    operations = [migrations.RunPython(create, drop)]
