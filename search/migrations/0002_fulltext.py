"""The embedded engine's full-text structure, for the database in use. SQLite: an FTS5 table of
the text's dictionary words and the filter tags, and a trigram FTS5 index of title and body for
quoted phrases (contentless: it stores no copy of the text). PostgreSQL: a tsvector column
with a GIN index. Other databases get neither (the embedded engine then is unavailable; use
Elasticsearch)."""

from django.db import migrations

SQLITE_CREATE = [
    # title, summary, body, extra: search.text.index_tokens. tags: one token per filter value
    # (site, year, column type, …). title_terms: the title's tokens again, marked, to match in
    # titles alone. Both start with "_", which only they contain (see search.engines.fulltext).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, summary, body, extra, tags, title_terms, "
    "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
    # Trigrams of the stored title and body. Contentless: the engine inserts and deletes rows
    # with the stored text itself (no view over the entry tables, which SQLite's table rebuilds
    # in later migrations would trip over).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_phrases USING fts5("
    "title, body, content = '', tokenize = 'trigram')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_phrases", "DROP TABLE IF EXISTS search_fts"]
POSTGRES_CREATE = [
    "ALTER TABLE search_indexentry ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS search_indexentry_vector_gin "
    "ON search_indexentry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_indexentry_vector_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
