"""Requests belong to an agency, not a site (条例 第四条): the applicant chooses the agency on the
public form (the site's own agency preselected), staff register paper requests for an agency and
reassign a case with its history, existing cases are migrated to their site's default agency,
and the per-request fee counts an applicant's requests per agency (国办函〔2020〕109号)."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from cms.requests.agencies import default_organisation
from cms.requests.models import RequestCase
from cms.requests.workflow import Action, TransitionError, perform
from tests.cms.requests.conftest import (
    FAR_FUTURE,
    applicant_data,
    new_case,
    registered_case,
    step,
)
from tests.conftest import CITY_HOST, host_client

pytestmark = pytest.mark.django_db
D = datetime.date
INDEX = "/admin/yisqgk/"


def test_default_agency_is_the_sites_sponsor(cluster, agencies):
    assert default_organisation(cluster.city) == agencies["gov"]


def test_public_form_offers_the_sites_agencies_with_its_own_preselected(cluster, agencies):
    body = host_client(CITY_HOST).get("/yisqgk/").content.decode()
    select = body.split('name="organisation"')[1].split("</select>")[0]
    assert "长河市财政局" in select and "长河市发展和改革委员会" in select
    assert f'value="{agencies["gov"].pk}" selected' in select
    assert cluster.county_b.sponsor not in select  # another site's agency


def test_request_filed_to_the_chosen_agency(cluster, agencies):
    client = host_client(CITY_HOST)
    response = client.post("/yisqgk/", applicant_data(organisation=agencies["finance"].pk))
    assert response.status_code == 302
    case = RequestCase.objects.get()
    assert (case.site, case.organisation) == (cluster.city, agencies["finance"])
    assert case.events.get().data["organisation"] == "长河市财政局"


def test_request_to_another_sites_agency_is_refused_in_chinese(cluster, agencies):
    client = host_client(CITY_HOST)
    response = client.post("/yisqgk/", applicant_data(organisation=agencies["county_b"].pk))
    assert response.status_code == 200
    assert "请选择本网站的机关。" in response.content.decode()
    assert not RequestCase.objects.exists()


def test_case_without_agency_gets_the_sites_default(cluster, agencies):
    case = registered_case(cluster.city, D(2026, 3, 2))
    assert case.organisation == agencies["gov"]


@pytest.fixture
def city_staff(cluster, make_user):
    return {
        "editor": make_user("city_editor", groups=[cluster.city.editors_group]),
        "b_editor": make_user("b_editor", groups=[cluster.county_b.editors_group]),
    }


def test_staff_register_a_paper_request_for_an_agency_of_the_site(cluster, agencies, city_staff):
    client = host_client(CITY_HOST, city_staff["editor"])
    data = {**applicant_data(), "channel": "post", "received_date": "2026-02-12"}
    data["site"] = cluster.city.pk
    response = client.post(f"{INDEX}new/", {**data, "organisation": agencies["county_b"].pk})
    assert response.status_code == 200 and not RequestCase.objects.exists()
    assert "请选择您所管理网站上的机关。" in response.content.decode()
    response = client.post(f"{INDEX}new/", {**data, "organisation": agencies["ndrc"].pk})
    assert response.status_code == 302
    assert RequestCase.objects.get().organisation == agencies["ndrc"]


def test_staff_reassign_a_case_and_the_history_is_recorded(cluster, agencies, city_staff):
    case = registered_case(cluster.city, timezone.localdate(), city_staff["editor"])
    client = host_client(CITY_HOST, city_staff["editor"])
    url = f"{INDEX}{case.pk}/"
    today = timezone.localdate().isoformat()
    refused = client.post(
        url,
        {
            "action": Action.REASSIGN,
            "reassign-on": today,
            "reassign-organisation": agencies["finance"].pk,
        },
    )
    assert refused.status_code == 200 and "请写明改派理由。" in refused.content.decode()
    response = client.post(
        url,
        {
            "action": Action.REASSIGN,
            "reassign-on": today,
            "reassign-organisation": agencies["finance"].pk,
            "reassign-reason": "所需预算信息由财政局制作并保存。",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.organisation == agencies["finance"]
    event = case.events.last()
    assert (event.action, event.actor, event.effective_date.isoformat()) == (
        Action.REASSIGN,
        city_staff["editor"],
        today,
    )
    assert (event.data["from"], event.data["to"]) == (cluster.city.sponsor, "长河市财政局")
    assert event.data["reason"] == "所需预算信息由财政局制作并保存。"
    body = client.get(url).content.decode()
    assert "改派答复机关" in body and f"{cluster.city.sponsor} → 长河市财政局" in body
    # The list shows the answering agency and filters by it.
    listing = client.get(INDEX, {"organisation": agencies["finance"].pk}).content.decode()
    assert case.tracking_code in listing and "长河市财政局" in listing
    listing = client.get(INDEX, {"organisation": agencies["gov"].pk}).content.decode()
    assert case.tracking_code not in listing


def test_reassigning_to_another_sites_agency_is_refused(cluster, agencies, city_staff):
    case = registered_case(cluster.city, D(2026, 3, 2), city_staff["editor"])
    with pytest.raises(TransitionError, match="只能改派给本网站的机关"):
        perform(
            case,
            Action.REASSIGN,
            user=city_staff["editor"],
            on=D(2026, 3, 3),
            today=FAR_FUTURE,
            organisation=agencies["county_b"],
            reason="误派",
        )
    response = host_client(CITY_HOST, city_staff["editor"]).post(
        f"{INDEX}{case.pk}/",
        {
            "action": Action.REASSIGN,
            "reassign-on": "2026-03-03",
            "reassign-organisation": agencies["county_b"].pk,
            "reassign-reason": "误派",
        },
    )
    assert "请选择本网站的其他机关。" in response.content.decode()
    case.refresh_from_db()
    assert case.organisation == agencies["gov"]


def test_per_request_fee_counts_the_applicants_requests_per_agency(cluster, agencies):
    # Ten requests of the same applicant to the city government in March, then one to the
    # finance bureau on the same site: that is the finance bureau's first, free of charge.
    for day in range(2, 12):
        registered_case(cluster.city, D(2026, 3, day), organisation=agencies["gov"])
    to_finance = registered_case(cluster.city, D(2026, 3, 12), organisation=agencies["finance"])
    assert to_finance.applicant_monthly_ordinal() == 1
    eleventh = registered_case(cluster.city, D(2026, 3, 13), organisation=agencies["gov"])
    assert eleventh.applicant_monthly_ordinal() == 11
    eleventh = step(eleventh, Action.REQUEST_FEE, D(2026, 3, 16), fee_method="per_request")
    assert eleventh.fee_amount == 100
    with pytest.raises(TransitionError, match="无需收费"):
        perform(
            to_finance,
            Action.REQUEST_FEE,
            user=None,
            on=D(2026, 3, 16),
            today=FAR_FUTURE,
            fee_method="per_request",
        )


def test_migration_assigns_existing_cases_to_their_sites_default_agency(cluster, agencies):
    import importlib

    migration = importlib.import_module("cms.requests.migrations.0003_assign_default_agency")
    city = new_case(cluster.city)
    city.save()
    bare = new_case(cluster.county_a)  # county A has no agency yet
    bare.save()
    RequestCase.objects.update(organisation=None)
    migration.assign(apps, None)
    city.refresh_from_db()
    bare.refresh_from_db()
    assert city.organisation == agencies["gov"]
    assert bare.organisation is None
