import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from cms.disclosure.index_numbers import render_index_number, template_problem
from cms.disclosure.models import DisclosurePage, IssuedIndexNumber


def test_default_template_renders_code_year_and_five_digit_serial():
    number = render_index_number(
        "{credit_code}/{yyyy}-{serial:05d}", credit_code="11610900MB1234567X", yyyy=2026, serial=12
    )
    assert number == "11610900MB1234567X/2026-00012"


def test_unusable_templates_are_reported():
    with pytest.raises(ImproperlyConfigured):
        render_index_number("{unknown}-{serial}", credit_code="X", yyyy=2026, serial=1)
    assert "serial" in template_problem("{credit_code}/{yyyy}")
    assert template_problem("{credit_code}/{yyyy}-{serial:05d}") is None


def test_published_disclosures_get_consecutive_numbers_per_organisation(
    cluster, orgs, make_disclosure
):
    column = cluster.column(cluster.county_a, "fgwj")
    code = orgs["county_a"].credit_code
    year = timezone.localtime().year
    first = make_disclosure(column, orgs["county_a"])
    second = make_disclosure(column, orgs["county_a"])
    other = make_disclosure(column, orgs["county_a_edu"])
    assert first.index_number == f"{code}/{year}-00001"
    assert second.index_number == f"{code}/{year}-00002"
    assert other.index_number.endswith(f"/{year}-00001")
    assert other.index_number != first.index_number


def test_template_setting_is_honoured(settings, cluster, orgs, make_disclosure):
    settings.JIYUE_INDEX_NUMBER_TEMPLATE = "{short_name}-{category}-{yyyy}-{serial:04d}"
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"),
        orgs["county_a"],
        # Formed before its first publication (a later 成文日期 is refused).
        written_date=dt.date(2025, 5, 26),
        first_published_at=timezone.make_aware(dt.datetime(2025, 6, 1, 10)),
    )
    assert page.index_number == "安政-fgwj-2025-0001"


def test_draft_gets_no_number_until_first_publication(cluster, orgs, make_disclosure):
    draft = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False)
    assert draft.index_number == ""
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.index_number.endswith("-00001")


def test_number_never_changes_on_republish_revert_or_edit(cluster, orgs, make_disclosure):
    page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], live=False)
    stale_revision = page.save_revision()  # carries no number
    page.save_revision().publish()
    page.refresh_from_db()
    issued = page.index_number

    page.title = "关于调整惠民政策落实工作安排的通知"
    page.save_revision().publish()
    stale_revision.publish()  # reverting to a revision made before the number existed
    page.index_number = "篡改"
    page.save()
    page.refresh_from_db()
    assert page.index_number == issued
    assert IssuedIndexNumber.objects.filter(page=page).count() == 1
    assert IssuedIndexNumber.objects.count() == 1


def test_unpublish_and_republish_keeps_the_number(cluster, orgs, make_disclosure):
    page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    issued = page.index_number
    page.unpublish()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == issued


def test_copy_is_a_new_record_with_its_own_number(cluster, orgs, make_disclosure):
    page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    copy = page.copy(update_attrs={"slug": "copy-of-page", "title": "副本"}, keep_live=True)
    copy = DisclosurePage.objects.get(pk=copy.pk)
    assert copy.index_number
    assert copy.index_number != page.index_number


def test_alias_shares_the_original_number(cluster, orgs, make_disclosure):
    page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    alias = page.create_alias(parent=cluster.column(cluster.city, "fgwj"))
    alias = DisclosurePage.objects.get(pk=alias.pk)
    assert alias.index_number == page.index_number
    assert IssuedIndexNumber.objects.count() == 1
