"""Give every page published before update kinds were recorded its 更新时间: its last
publication (the best record there is), so it is not treated as unpublished history."""

from django.db import migrations


def backfill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Summary = apps.get_model("pages", "PageUpdateSummary")
    done = set(Summary.objects.values_list("page_id", flat=True))
    rows = []
    for page_id, key, first, last in Page.objects.filter(
        first_published_at__isnull=False
    ).values_list("pk", "translation_key", "first_published_at", "last_published_at"):
        if page_id in done:
            continue
        moment = last or first
        rows.append(
            Summary(
                page_id=page_id,
                content_id=key,
                major_updated_at=moment,
                last_updated_at=moment,
                last_kind="major",
            )
        )
    Summary.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_page_updates")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
