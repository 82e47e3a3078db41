"""Seeds the built-in frequent serious misspellings (cms/safety/builtin.py), the lists' version
row, and lets the 审计员 group view and export the override record."""

import uuid

from django.db import migrations

from cms.safety.builtin import BUILTIN_TERMS

AUDITOR_GROUP = "审计员"


def seed(apps, schema_editor):
    ProtectedTerm = apps.get_model("safety", "ProtectedTerm")
    ListVersion = apps.get_model("safety", "ListVersion")
    for correct, wrong_forms, category in BUILTIN_TERMS:
        ProtectedTerm.objects.get_or_create(
            correct=correct,
            builtin=True,
            defaults={"wrong_forms": "\n".join(wrong_forms), "category": category},
        )
    ListVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="safety", model="safetyoverride")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_safetyoverride",
        defaults={"name": "Can view 内容安全豁免记录"},
    )
    group, _ = Group.objects.get_or_create(name=AUDITOR_GROUP)
    group.permissions.add(view)


def unseed(apps, schema_editor):
    apps.get_model("safety", "ProtectedTerm").objects.filter(builtin=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0001_initial"),
        ("audit", "0002_auditor_group"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
