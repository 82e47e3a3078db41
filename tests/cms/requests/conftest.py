"""Helpers for request-case tests: a valid applicant, cases driven through the real workflow, and a
clean cache (rate-limit counters, working-day table) around every test."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.requests.models import Channel, RequestCase
from cms.requests.workflow import Action, perform
from cms.workdays.calendar import invalidate

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"
FAR_FUTURE = datetime.date(2030, 1, 1)


@pytest.fixture(autouse=True)
def clean_caches():
    cache.clear()
    invalidate()
    yield
    cache.clear()
    invalidate()


def applicant_data(**overrides) -> dict:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张明",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "credit_code": "",
        "contact_person": "",
        "phone": "13909170001",
        "email": "zhang@example.cn",
        "address": "长河市新华路8号",
        "postcode": "719000",
        "description": "请公开2024年度部门预算中“三公”经费的明细。",
        "document_number": "",
        "info_format": "electronic",
        "delivery_method": "email",
    }
    data.update(overrides)
    return data


def new_case(site, **overrides) -> RequestCase:
    fields = {k: v for k, v in applicant_data().items()}
    fields.update(overrides)
    return RequestCase(site=site, channel=Channel.POST, **fields)


def registered_case(site, received: datetime.date, user=None, **overrides) -> RequestCase:
    case = new_case(site, **overrides)
    perform(case, Action.REGISTER, user=user, on=received, today=FAR_FUTURE)
    case.refresh_from_db()
    return case


def step(case, action, on, user=None, **params) -> RequestCase:
    perform(case, action, user=user, on=on, today=params.pop("today", FAR_FUTURE), **params)
    case.refresh_from_db()
    return case


def make_document(title="答复书"):
    document = get_document_model()(title=title, file=ContentFile(b"%PDF-1.4\n", name="reply.pdf"))
    document.save()
    return document


@pytest.fixture
def agencies(cluster):
    """The city portal's agencies as in the demo cluster: its own government (the site's sponsor,
    so its default agency), 长河市发展和改革委员会 and 长河市财政局; plus county B's government."""
    from cms.disclosure.demo import make_credit_code
    from cms.disclosure.models import Organisation

    def make(profile, name, area, serial, order):
        return Organisation.objects.create(
            name=name,
            short_name=name[:2],
            credit_code=make_credit_code(area, serial),
            site=profile,
            sort_order=order,
        )

    return {
        # Listed after the departments on purpose: the default is the sponsor, not the first.
        "gov": make(cluster.city, cluster.city.sponsor, "610900", 1, 5),
        "ndrc": make(cluster.city, "长河市发展和改革委员会", "610900", 2, 1),
        "finance": make(cluster.city, "长河市财政局", "610900", 3, 2),
        "county_b": make(cluster.county_b, cluster.county_b.sponsor, "610922", 1, 0),
    }


def notice(kind="extension_notice", title="告知书"):
    return [(kind, make_document(title))]
