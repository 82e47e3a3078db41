"""Baseline entries for the pages already live when the log is installed, so the chain covers
existing content (a fresh database has none and this adds nothing)."""

from django.db import migrations

from cms.publication_log.baseline import record_baseline


def baseline(apps, schema_editor):
    record_baseline(
        page_model=apps.get_model("wagtailcore", "Page"),
        revision_model=apps.get_model("wagtailcore", "Revision"),
        site_model=apps.get_model("wagtailcore", "Site"),
        entry_model=apps.get_model("publication_log", "PublicationEntry"),
        head_model=apps.get_model("publication_log", "ChainHead"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publication_log", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
