from django.db import migrations, models


def seed(apps, schema_editor):
    from cms.workdays.seed import seed_from_package

    seed_from_package(apps.get_model("workdays", "CalendarException"))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CalendarException",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True, verbose_name="日期")),
                (
                    "kind",
                    models.CharField(
                        choices=[("holiday", "法定节假日（放假）"), ("workday", "调休上班日")],
                        max_length=10,
                        verbose_name="类型",
                    ),
                ),
                ("name", models.CharField(help_text="例如：春节、国庆节。", max_length=50, verbose_name="名称")),
                (
                    "source",
                    models.CharField(
                        choices=[("package", "chinesecalendar 数据包"), ("manual", "管理员录入")],
                        default="manual",
                        editable=False,
                        max_length=10,
                        verbose_name="来源",
                    ),
                ),
            ],
            options={
                "verbose_name": "节假日与调休",
                "verbose_name_plural": "节假日与调休",
                "ordering": ["date"],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
