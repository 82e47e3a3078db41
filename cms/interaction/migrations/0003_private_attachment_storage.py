"""Message attachments move to the private storage (cms.interaction.storage): the field changes
storage, and files already uploaded under MEDIA_ROOT are moved out of the served tree."""

from django.db import migrations, models

import cms.interaction.models
import cms.interaction.storage


def move_to_private(apps, schema_editor):
    from django.core.files.storage import default_storage

    from cms.interaction.storage import private_storage

    MessageAttachment = apps.get_model("interaction", "MessageAttachment")
    for attachment in MessageAttachment.objects.exclude(file="").iterator():
        name = attachment.file.name
        if not default_storage.exists(name):
            continue
        if not private_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                private_storage.save(name, handle)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0002_faqpage"),
    ]

    operations = [
        migrations.AlterField(
            model_name="messageattachment",
            name="file",
            field=models.FileField(
                storage=cms.interaction.storage.PrivateMediaStorage(),
                upload_to=cms.interaction.models.attachment_path,
                verbose_name="附件",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
