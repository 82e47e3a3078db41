"""Fixtures of the annual-report tests: organisations on the shared cluster, a seeded set of request
cases on the department site whose table 三 is computed by hand in test_table_three.py, and a few
规范性文件 for table 二."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.disclosure.demo import make_credit_code
from cms.disclosure.models import DisclosurePage, Organisation, Topic
from cms.disclosure.vocab import RegulatoryKind, Validity
from cms.requests.models import Channel, RequestCase
from cms.requests.table_three import ApplicantType as A
from cms.requests.table_three import ReplyType as R
from cms.requests.workflow import State

D = dt.date
YEAR = 2025


@pytest.fixture
def orgs(cluster):
    """The reporting organisations (overrides the shared `orgs` of tests/conftest.py)."""

    def make(profile, name, area, serial, order=0):
        return Organisation.objects.create(
            name=name,
            short_name=name[:2],
            credit_code=make_credit_code(area, serial),
            site=profile,
            sort_order=order,
        )

    return {
        "department": make(cluster.department, "长河市教育局", "610900", 12),
        "city": make(cluster.city, cluster.city.sponsor, "610900", 1),
        "city_finance": make(cluster.city, "长河市财政局", "610900", 2, order=1),
        "county_a": make(cluster.county_a, cluster.county_a.sponsor, "610921", 1),
    }


def add_case(site, applicant_type, received, closed=None, reply_type="", **extra) -> RequestCase:
    state = State.REGISTERED if closed is None else State.ANSWERED
    if received is None:
        state = State.CLOSED
    return RequestCase.objects.create(
        site=site,
        channel=Channel.POST,
        state=state,
        applicant_type=applicant_type,
        applicant_name="申请人",
        phone="13909170001",
        description="请公开相关文件。",
        info_format="electronic",
        delivery_method="email",
        received_date=received,
        closed_date=closed,
        reply_type=reply_type,
        **extra,
    )


# (applicant type, received, closed, reply type) on the department site; comments give the cells.
SEEDED_CASES = [
    (A.NATURAL_PERSON, D(2024, 12, 10), D(2025, 1, 15), R.DISCLOSED),  # 二, 三(一)
    (A.COMMERCIAL, D(2024, 11, 1), D(2024, 12, 1), R.DISCLOSED),  # finished last year: none
    (A.NATURAL_PERSON, D(2025, 3, 1), D(2025, 3, 20), R.PARTLY_DISCLOSED),  # 一, 三(二)
    (A.NATURAL_PERSON, D(2025, 4, 1), D(2025, 4, 25), R.WITHHELD_THIRD_PARTY),  # 一, 三(三)4
    (A.COMMERCIAL, D(2025, 5, 6), D(2025, 5, 30), R.DISCLOSED),  # 一, 三(一)
    (A.COMMERCIAL, D(2025, 6, 2), D(2025, 6, 20), R.NOT_PROCESSED_REPEAT),  # 一, 三(五)2
    (A.RESEARCH, D(2025, 12, 22), None, ""),  # 一, 四
    (A.LEGAL_SERVICE, D(2025, 9, 1), D(2026, 1, 10), R.WITHHELD_PROCESS),  # 一, 四
    (A.NATURAL_PERSON, D(2024, 12, 30), None, ""),  # 二, 四
    (A.PUBLIC_WELFARE, D(2025, 2, 3), D(2025, 2, 28), R.OTHER_NO_CORRECTION),  # 一, 三(六)1
    (A.OTHER_ORGANISATION, D(2025, 7, 1), D(2025, 7, 15), R.UNAVAILABLE_NOT_HELD),  # 一, 三(四)1
    (A.OTHER_ORGANISATION, None, D(2025, 5, 1), R.OTHER),  # never received: not a request
    (A.NATURAL_PERSON, D(2026, 1, 5), None, ""),  # next year
]


@pytest.fixture
def seeded_cases(cluster, orgs):
    cases = [add_case(cluster.department, *spec) for spec in SEEDED_CASES]
    # Another site's case never reaches the department's report.
    add_case(cluster.city, A.NATURAL_PERSON, D(2025, 3, 1), D(2025, 3, 5), R.DISCLOSED)
    return cases


def add_disclosure(parent, organisation, n: int, **fields) -> DisclosurePage:
    page = DisclosurePage(
        organisation=organisation,
        title=f"关于规范校外培训管理的第{n}号文件",
        slug=f"rd{n:04d}",
        body="<p>现将有关事项通知如下。</p>",
        genre="通知",
        category="fgwj",  # 条例 第二十条第（一）项
        topic=Topic.objects.get(name="综合政务", parent=None),
        live=True,
        first_published_at=timezone.now(),
        **fields,
    )
    parent.add_child(instance=page)
    return page


@pytest.fixture
def seeded_regulations(cluster, orgs):
    parent = cluster.column(cluster.department, "zcwj")
    org = orgs["department"]
    normative = RegulatoryKind.NORMATIVE
    add_disclosure(parent, org, 1, regulatory_kind=normative, written_date=D(2025, 3, 2))
    add_disclosure(
        parent,
        org,
        2,
        regulatory_kind=normative,
        written_date=D(2023, 5, 1),
        validity=Validity.REPEALED,
        repeal_date=D(2025, 6, 1),
    )
    add_disclosure(parent, org, 3, regulatory_kind=normative, written_date=D(2022, 1, 10))
    add_disclosure(parent, org, 4, regulatory_kind=RegulatoryKind.OTHER, written_date=D(2025, 1, 9))
    # Another site's 规范性文件 never reaches the department's report.
    add_disclosure(
        cluster.column(cluster.city, "zcwj"),
        orgs["city"],
        5,
        regulatory_kind=normative,
        written_date=D(2025, 4, 1),
    )


CONSISTENT_TABLE_FOUR = {
    "review_upheld": 2,
    "review_corrected": 1,
    "review_other": 0,
    "review_pending": 1,
    "review_total": 4,
    "litigation_direct_upheld": 1,
    "litigation_direct_total": 1,
    "litigation_after_review_pending": 1,
    "litigation_after_review_total": 1,
}
