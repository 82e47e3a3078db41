"""Existing cases get the agency that must answer them: their site's default organisation (the one
named as the site's 主办单位, else the first in the site's order; cms.requests.agencies). Cases of
a site without organisations stay unassigned and still fall to its default agency once it has one."""

from django.db import migrations


def assign(apps, schema_editor):
    RequestCase = apps.get_model("gi_requests", "RequestCase")
    Organisation = apps.get_model("disclosure", "Organisation")
    SiteProfile = apps.get_model("jiyue_sites", "SiteProfile")
    site_ids = RequestCase.objects.filter(organisation__isnull=True).values_list("site_id", flat=True)
    for site in SiteProfile.objects.filter(pk__in=set(site_ids)):
        agencies = Organisation.objects.filter(site=site).order_by("sort_order", "pk")
        default = agencies.filter(name=site.sponsor).first() or agencies.first()
        if default is not None:
            RequestCase.objects.filter(site=site, organisation__isnull=True).update(
                organisation=default
            )


class Migration(migrations.Migration):
    dependencies = [
        ("gi_requests", "0002_case_agency_and_reply_rules"),
        ("disclosure", "0002_seed_topics"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
