"""The disclosure form in the Wagtail admin refuses bad data with a Chinese message next to the
field, and saves nothing: a 文号 not in GB/T 9704 form, a 成文日期 in the future or after the
发布日期, a 文号 the agency already used (unless confirmed, which is recorded); a blank 信息类别 is
taken from the category column the page is created in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.disclosure.models import DisclosurePage
from tests.cms.disclosure.admin_forms import add_url, edit_url, field_errors, form_data, iso
from tests.conftest import CITY_HOST, host_client


@pytest.fixture
def editor(cluster, make_user):
    return make_user("anning_editor", groups=[cluster.county_a.editors_group])


@pytest.fixture
def client(editor):
    return host_client(CITY_HOST, editor)


@pytest.fixture
def fgwj(cluster):
    return cluster.column(cluster.county_a, "fgwj")


def test_a_valid_new_page_with_blank_category_takes_it_from_its_column(client, fgwj, orgs):
    response = client.post(add_url(fgwj), form_data(orgs["county_a"]))
    assert response.status_code == 302, field_errors(response, "category")
    page = DisclosurePage.objects.get(slug="zsgz")
    assert page.category == "fgwj"
    assert page.document_number == "安政发〔2026〕12号"


def test_blank_category_outside_a_category_column_is_an_error(client, cluster, orgs):
    policies = cluster.column(cluster.county_a, "zcwj")
    response = client.post(add_url(policies), form_data(orgs["county_a"]))
    assert response.status_code == 200
    assert "请选择信息类别" in field_errors(response, "category")
    assert not DisclosurePage.objects.filter(slug="zsgz").exists()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("第15号abc", "文号格式不正确"),
        ("安政发〔2026〕12号abc", "文号格式不正确"),
        ("安政发〔2026〕012号", "文号格式不正确"),  # GB/T 9704: 序号不编虚位
        ("安政发〔2026〕第12号", "文号格式不正确"),  # GB/T 9704: 序号不加“第”字
        ("安政发[2126]12号", "文号年份“2126”不正确"),
        ("安政发〔1900〕12号", "文号年份“1900”不正确"),
    ],
)
def test_malformed_document_number_is_refused_next_to_the_field(
    client, fgwj, orgs, number, message
):
    response = client.post(add_url(fgwj), form_data(orgs["county_a"], document_number=number))
    assert response.status_code == 200
    assert message in field_errors(response, "document_number")
    assert not DisclosurePage.objects.filter(slug="zsgz").exists()


def test_document_number_of_a_later_year_is_refused(client, fgwj, orgs):
    next_year = timezone.localdate().year + 1
    data = form_data(orgs["county_a"], document_number=f"安政发〔{next_year}〕1号")
    response = client.post(add_url(fgwj), data)
    assert f"文号年份“{next_year}”不正确" in field_errors(response, "document_number")
    assert not DisclosurePage.objects.filter(slug="zsgz").exists()


def test_order_numbers_without_a_year_are_accepted(client, fgwj, orgs):
    data = form_data(orgs["county_a"], document_number="安宁县人民政府令第3号")
    assert client.post(add_url(fgwj), data).status_code == 302
    assert DisclosurePage.objects.get(slug="zsgz").document_number == "安宁县人民政府令第3号"


def test_written_date_in_the_future_is_refused(client, fgwj, orgs):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(add_url(fgwj), form_data(orgs["county_a"], written_date=iso(tomorrow)))
    assert response.status_code == 200
    assert "成文日期不能晚于今天" in field_errors(response, "written_date")
    assert not DisclosurePage.objects.filter(slug="zsgz").exists()


def test_written_date_after_first_publication_is_refused_on_edit(
    client, fgwj, orgs, make_disclosure
):
    published = timezone.now() - dt.timedelta(days=30)
    page = make_disclosure(
        fgwj, orgs["county_a"], written_date=timezone.localdate(published) - dt.timedelta(days=3),
        first_published_at=published,
    )  # fmt: skip
    later = timezone.localdate(published) + dt.timedelta(days=5)
    data = form_data(orgs["county_a"], slug=page.slug, written_date=iso(later))
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "成文日期不能晚于发布日期" in field_errors(response, "written_date")
    page.refresh_from_db()
    assert page.written_date != later
    assert page.get_latest_revision() is None or (
        page.get_latest_revision().as_object().written_date != later
    )


def test_duplicate_document_number_needs_a_recorded_confirmation(
    client, editor, fgwj, orgs, make_disclosure
):
    first = make_disclosure(fgwj, orgs["county_a"], document_number="安政发〔2026〕12号")
    data = form_data(orgs["county_a"], document_number="安政发(2026)12号")
    response = client.post(add_url(fgwj), data)
    assert response.status_code == 200
    errors = field_errors(response, "document_number")
    assert "本机关已有文号为“安政发〔2026〕12号”的公开信息" in errors
    assert first.title in errors
    assert not DisclosurePage.objects.filter(slug="zsgz").exists()

    response = client.post(add_url(fgwj), {**data, "confirm_duplicate_number": "on"})
    assert response.status_code == 302
    page = DisclosurePage.objects.get(slug="zsgz")
    assert page.duplicate_number_confirmed == "安政发〔2026〕12号"
    assert page.duplicate_number_confirmed_by == editor.username
    assert page.duplicate_number_confirmed_at is not None
    # Kept on the revision, and shown to the next editor.
    revision = page.get_latest_revision().as_object()
    assert revision.duplicate_number_confirmed_by == editor.username
    form = client.get(edit_url(page)).content.decode()
    assert f"已由{editor.username}于" in form
    # Saving again without ticking the box is fine: this number was confirmed.
    again = client.post(
        edit_url(page), form_data(orgs["county_a"], document_number="安政发〔2026〕12号")
    )
    assert again.status_code == 302


def test_same_number_of_another_agency_is_not_a_duplicate(client, fgwj, orgs, make_disclosure):
    make_disclosure(fgwj, orgs["county_a_edu"], document_number="安政发〔2026〕12号")
    assert client.post(add_url(fgwj), form_data(orgs["county_a"])).status_code == 302


def test_editing_a_page_keeps_its_own_number(client, fgwj, orgs, make_disclosure):
    page = make_disclosure(fgwj, orgs["county_a"], document_number="安政发〔2026〕12号")
    response = client.post(edit_url(page), form_data(orgs["county_a"], slug=page.slug))
    assert response.status_code == 302
