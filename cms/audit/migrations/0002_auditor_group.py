"""The 审计员 group: admin access plus audit.view_scorecard, read-only on every site's scorecard,
and no page, collection or model edit rights anywhere."""

from django.db import migrations

AUDITOR_GROUP = "审计员"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="audit", model="auditrun")
    view_scorecard, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_scorecard",
        defaults={"name": "查看检查评估（全部网站，只读）"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=AUDITOR_GROUP)
    group.permissions.add(view_scorecard, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
