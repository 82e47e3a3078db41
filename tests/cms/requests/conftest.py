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
