"""Remove the placeholder "Welcome to Wagtail" page and its default Site that Wagtail's own
migrations create, so the first site created with create_site owns the cluster's default."""

from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    generic_page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if generic_page_type is None:
        return
    welcome = Page.objects.filter(depth=2, content_type=generic_page_type, slug="home")
    for page in welcome:
        Site.objects.filter(root_page=page).delete()
        page.delete()
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
