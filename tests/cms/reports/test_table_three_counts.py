"""Table 三 counted from cases (cms.requests.table_three) matches hand-computed figures and passes
the report's cross-checks (cms.reports.checks, the one cross-checker)."""

import datetime
from types import SimpleNamespace

import pytest

from cms.reports.checks import table_three_errors
from cms.requests.table_three import (
    COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    ROWS,
    TOTAL_COLUMN,
    ApplicantType,
    ReplyType,
    table_three_counts,
)
from cms.requests.workflow import Action
from tests.cms.requests.conftest import make_document, new_case, registered_case, step

D = datetime.date
A = ApplicantType


def case(applicant_type, received, closed=None, reply_type=""):
    return SimpleNamespace(
        applicant_type=applicant_type,
        received_date=received,
        closed_date=closed,
        reply_type=reply_type,
    )


SEEDED = [
    case(A.NATURAL_PERSON, D(2024, 12, 10), D(2025, 1, 15), ReplyType.DISCLOSED),  # 二 → 三(一)
    case(A.COMMERCIAL, D(2024, 11, 1), D(2024, 12, 1), ReplyType.DISCLOSED),  # closed last year
    case(
        A.NATURAL_PERSON, D(2025, 3, 1), D(2025, 3, 20), ReplyType.PARTLY_DISCLOSED
    ),  # 一 → 三(二)
    case(A.RESEARCH, D(2025, 12, 20)),  # 一 → 四
    case(A.LEGAL_SERVICE, D(2025, 6, 1), D(2026, 1, 10), ReplyType.WITHHELD_PROCESS),  # 一 → 四
    case(A.NATURAL_PERSON, D(2024, 12, 30)),  # 二 → 四
    case(A.OTHER_ORGANISATION, None, D(2025, 5, 1), ReplyType.OTHER),  # never received
    case(A.PUBLIC_WELFARE, D(2025, 2, 2), D(2025, 2, 20), ReplyType.OTHER_NO_CORRECTION),
    case(A.NATURAL_PERSON, D(2026, 1, 5)),  # next year
]


def test_counts_match_hand_computed_figures():
    table = table_three_counts(SEEDED, 2025)
    nonzero = {
        (row, col): table.cell(row, col) for row in ROWS for col in COLUMNS if table.cell(row, col)
    }
    assert nonzero == {
        (ROW_NEW, A.NATURAL_PERSON): 1,
        (ROW_NEW, A.RESEARCH): 1,
        (ROW_NEW, A.LEGAL_SERVICE): 1,
        (ROW_NEW, A.PUBLIC_WELFARE): 1,
        (ROW_NEW, TOTAL_COLUMN): 4,
        (ROW_CARRIED_IN, A.NATURAL_PERSON): 2,
        (ROW_CARRIED_IN, TOTAL_COLUMN): 2,
        (ReplyType.DISCLOSED, A.NATURAL_PERSON): 1,
        (ReplyType.DISCLOSED, TOTAL_COLUMN): 1,
        (ReplyType.PARTLY_DISCLOSED, A.NATURAL_PERSON): 1,
        (ReplyType.PARTLY_DISCLOSED, TOTAL_COLUMN): 1,
        (ReplyType.OTHER_NO_CORRECTION, A.PUBLIC_WELFARE): 1,
        (ReplyType.OTHER_NO_CORRECTION, TOTAL_COLUMN): 1,
        (ROW_RESULTS_TOTAL, A.NATURAL_PERSON): 2,
        (ROW_RESULTS_TOTAL, A.PUBLIC_WELFARE): 1,
        (ROW_RESULTS_TOTAL, TOTAL_COLUMN): 3,
        (ROW_CARRIED_OUT, A.NATURAL_PERSON): 1,
        (ROW_CARRIED_OUT, A.RESEARCH): 1,
        (ROW_CARRIED_OUT, A.LEGAL_SERVICE): 1,
        (ROW_CARRIED_OUT, TOTAL_COLUMN): 3,
    }
    assert table_three_errors(table.cells) == []


def test_cross_check_names_the_broken_column_and_row():
    table = table_three_counts(SEEDED, 2025)
    table.cells[ROW_NEW][A.RESEARCH] += 1
    errors = table_three_errors(table.cells)
    assert any("科研机构" in e for e in errors)
    assert any("本年新收" in e and "总计" in e for e in errors)


def test_reply_types_are_exactly_the_twenty_one_result_rows():
    assert len(ReplyType.values) == 21
    assert len(COLUMNS) == 7


@pytest.mark.django_db
def test_counts_from_a_queryset_of_real_cases(cluster, make_user):
    from cms.requests.models import RequestCase

    clerk = make_user("clerk", groups=[cluster.city.editors_group])
    answered = registered_case(cluster.city, D(2025, 12, 15), clerk)
    step(
        answered,
        Action.ANSWER,
        D(2026, 1, 8),
        clerk,
        reply_type=ReplyType.UNAVAILABLE_NOT_HELD,
        documents=[("reply", make_document())],
    )
    registered_case(
        cluster.city,
        D(2026, 2, 12),
        clerk,
        applicant_type=A.COMMERCIAL,
        credit_code="91350100M000100Y43",
        id_type="",
        id_number="",
    )
    submitted = new_case(cluster.city)
    from cms.requests.workflow import perform

    perform(submitted, Action.SUBMIT, user=None, on=D(2026, 3, 1), today=D(2030, 1, 1))
    table = table_three_counts(RequestCase.objects.filter(site=cluster.city), 2026)
    assert table.cell(ROW_CARRIED_IN, A.NATURAL_PERSON) == 1
    assert table.cell(ReplyType.UNAVAILABLE_NOT_HELD, TOTAL_COLUMN) == 1
    assert table.cell(ROW_NEW, A.COMMERCIAL) == 1
    assert table.cell(ROW_NEW, TOTAL_COLUMN) == 1  # the unconfirmed online request is not counted
    assert table.cell(ROW_CARRIED_OUT, TOTAL_COLUMN) == 1
    assert table_three_errors(table.cells) == []
