"""Seed the 22 gov.cn 主题分类 and their common second-level topics (editable afterwards)."""

from django.db import migrations

from cms.disclosure.vocab import TOPIC_SEED


def seed(apps, schema_editor):
    Topic = apps.get_model("disclosure", "Topic")
    for order, (name, children) in enumerate(TOPIC_SEED, start=1):
        parent, _ = Topic.objects.get_or_create(
            name=name, parent=None, defaults={"sort_order": order * 10}
        )
        for child_order, child in enumerate(children, start=1):
            Topic.objects.get_or_create(
                name=child, parent=parent, defaults={"sort_order": order * 10 + child_order}
            )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
