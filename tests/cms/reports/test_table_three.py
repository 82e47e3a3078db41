"""Table 三 generated from a seeded set of cases equals figures computed by hand, passes the
cross-checks, and the checks name the cell when figures do not add up."""

import copy
import datetime as dt

import pytest

from cms.reports.checks import carried_in_errors, table_four_errors, table_three_errors
from cms.reports.generation import ReportError, check, generate
from cms.reports.models import AnnualReport, ReportStatus
from cms.requests.table_three import COLUMNS, ROWS, TOTAL_COLUMN
from cms.requests.table_three import ApplicantType as A
from cms.requests.table_three import ReplyType as R
from tests.cms.reports.conftest import YEAR

T = TOTAL_COLUMN
# Worked out by hand from SEEDED_CASES in conftest.py (only non-zero cells).
HAND_COMPUTED = {
    ("new", A.NATURAL_PERSON): 2,
    ("new", A.COMMERCIAL): 2,
    ("new", A.RESEARCH): 1,
    ("new", A.PUBLIC_WELFARE): 1,
    ("new", A.LEGAL_SERVICE): 1,
    ("new", A.OTHER_ORGANISATION): 1,
    ("new", T): 8,
    ("carried_in", A.NATURAL_PERSON): 2,
    ("carried_in", T): 2,
    (R.DISCLOSED, A.NATURAL_PERSON): 1,
    (R.DISCLOSED, A.COMMERCIAL): 1,
    (R.DISCLOSED, T): 2,
    (R.PARTLY_DISCLOSED, A.NATURAL_PERSON): 1,
    (R.PARTLY_DISCLOSED, T): 1,
    (R.WITHHELD_THIRD_PARTY, A.NATURAL_PERSON): 1,
    (R.WITHHELD_THIRD_PARTY, T): 1,
    (R.UNAVAILABLE_NOT_HELD, A.OTHER_ORGANISATION): 1,
    (R.UNAVAILABLE_NOT_HELD, T): 1,
    (R.NOT_PROCESSED_REPEAT, A.COMMERCIAL): 1,
    (R.NOT_PROCESSED_REPEAT, T): 1,
    (R.OTHER_NO_CORRECTION, A.PUBLIC_WELFARE): 1,
    (R.OTHER_NO_CORRECTION, T): 1,
    ("results_total", A.NATURAL_PERSON): 3,
    ("results_total", A.COMMERCIAL): 2,
    ("results_total", A.PUBLIC_WELFARE): 1,
    ("results_total", A.OTHER_ORGANISATION): 1,
    ("results_total", T): 7,
    ("carried_out", A.NATURAL_PERSON): 1,
    ("carried_out", A.RESEARCH): 1,
    ("carried_out", A.LEGAL_SERVICE): 1,
    ("carried_out", T): 3,
}


def nonzero(cells) -> dict:
    return {(r, c): cells[r][c] for r in ROWS for c in COLUMNS if cells[r][c]}


def test_table_three_matches_hand_computed_figures(orgs, seeded_cases):
    report = generate(orgs["department"], YEAR)
    assert nonzero(report.table_three_data["cells"]) == HAND_COMPUTED
    assert check(report) == []
    assert table_three_errors(report.table_three_data["cells"]) == []


def test_table_two_counts_the_sites_regulations(orgs, seeded_regulations):
    report = generate(orgs["department"], YEAR)
    assert report.table_two_data == {
        "rule": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative": {"issued": 1, "repealed": 1, "in_force": 2},
    }


def test_inconsistent_table_three_names_column_and_row(orgs, seeded_cases):
    cells = copy.deepcopy(generate(orgs["department"], YEAR).table_three_data["cells"])
    cells["carried_out"][A.RESEARCH] = 0  # 1 + 0 ≠ 0 + 0, and the 总计 column no longer adds up
    errors = table_three_errors(cells)
    assert (
        "表三 科研机构：一、本年新收政府信息公开申请数量（1）与二、上年结转政府信息公开申请数量（0）"
        "之和（1）应等于三、本年度办理结果（七）总计（0）与四、结转下年度继续办理（0）之和（0）"
    ) in errors
    assert "表三 四、结转下年度继续办理 总计（3）应等于六类申请人之和（2）" in errors
    cells = copy.deepcopy(generate(orgs["department"], YEAR).table_three_data["cells"])
    cells[R.DISCLOSED][A.COMMERCIAL] = 0
    assert "表三 商业企业 三、本年度办理结果（七）总计（2）应等于各项办理结果之和（1）" in (
        table_three_errors(cells)
    )


def test_carried_in_must_match_last_years_carried_out(orgs, seeded_cases):
    previous = AnnualReport.objects.create(
        organisation=orgs["department"], year=YEAR - 1, status=ReportStatus.PUBLISHED
    )
    previous.table_three_data = {
        "cells": {row: dict.fromkeys(COLUMNS, 0) for row in ROWS},
    }
    previous.table_three_data["cells"]["carried_out"].update({A.NATURAL_PERSON: 3, T: 3})
    previous.save()
    with pytest.raises(ReportError) as raised:
        generate(orgs["department"], YEAR)
    assert (
        "表三 自然人 二、上年结转政府信息公开申请数量（2）应等于2024年度报告四、结转下年度继续办理（3）"
        in raised.value.messages
    )
    assert not AnnualReport.objects.filter(year=YEAR).exists()  # nothing half-written


def test_matching_carried_in_passes(orgs, seeded_cases):
    cells = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    cells["carried_out"].update({A.NATURAL_PERSON: 2, T: 2})
    assert (
        carried_in_errors(generate(orgs["department"], YEAR).table_three_data["cells"], cells, 2024)
        == []
    )


def test_table_four_total_must_be_the_sum():
    values = {"review_upheld": 2, "review_corrected": 1, "review_other": 2, "review_pending": 1}
    errors = table_four_errors({**values, "review_total": 5})
    assert errors == {
        "review_total": "表四 行政复议 总计（5）应等于结果维持、结果纠正、其他结果、尚未审结之和（6）"
    }
    assert table_four_errors({**values, "review_total": 6}) == {}


def test_each_agency_on_a_site_reports_its_own_cases(orgs, seeded_cases):
    # The seeded city case has no agency assigned: it falls to the site's own agency.
    assert nonzero(generate(orgs["city"], YEAR).table_three_data["cells"])[("new", T)] == 1
    finance = generate(orgs["city_finance"], YEAR)
    assert nonzero(finance.table_three_data["cells"]) == {}


THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize("year", [2007, THIS_YEAR, THIS_YEAR + 4])
def test_unfinished_or_impossible_years_are_refused(orgs, year):
    with pytest.raises(ReportError) as raised:
        generate(orgs["department"], year)
    assert "报告年度应为已经结束的年度" in raised.value.messages[0]


def test_publication_deadlines_by_level_and_from_settings(orgs, settings):
    department = AnnualReport(organisation=orgs["department"], year=YEAR)
    government = AnnualReport(organisation=orgs["county_a"], year=YEAR)
    assert department.deadline == dt.date(2026, 1, 31)  # 条例 第四十九条
    assert government.deadline == dt.date(2026, 3, 31)  # 条例 第五十条
    assert department.is_overdue(dt.date(2026, 2, 1)) and not government.is_overdue(
        dt.date(2026, 2, 1)
    )
    settings.JIYUE_ANNUAL_REPORT_DEADLINES = {"department": (1, 20), "government": (2, 28)}
    assert department.deadline == dt.date(2026, 1, 20)
    assert government.deadline == dt.date(2026, 2, 28)
