"""The site and year tags in the PostgreSQL tsvector (search.engines.fulltext.VECTOR_TAGS): a
search with words and a site or year filter finds its matches in the GIN index alone. Adds them
to the entries already indexed, rewriting each entry once (about a minute per 100,000); the
engine adds them to the entries it indexes from now on. SQLite keeps its tags in search_fts
(migration 0002) and gets nothing; other databases get nothing either."""

from django.db import migrations

# Spelled as search.engines.fulltext.tag spells them: "_s12", "_y2025" (no year, no tag).
TAGS = "array_remove(ARRAY['_s' || site_id, '_y' || year], NULL)"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE search_indexentry SET search_vector = search_vector || "
            f"array_to_tsvector({TAGS}) WHERE search_vector IS NOT NULL"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE search_indexentry SET search_vector = ts_delete(search_vector, {TAGS}) "
            "WHERE search_vector IS NOT NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_filter_indexes")]

    operations = [migrations.RunPython(add, remove)]
