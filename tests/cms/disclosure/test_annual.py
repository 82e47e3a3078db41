import datetime as dt

from cms.disclosure.annual import (
    RegulatoryRecord,
    TableTwoCounts,
    regulation_counts,
    table_two_regulations,
)
from cms.disclosure.models import Organisation

D = dt.date


def test_regulation_counts_follow_the_dates():
    records = [
        RegulatoryRecord("行政规范性文件", D(2025, 3, 1)),
        RegulatoryRecord("行政规范性文件", D(2025, 6, 1), "废止", repeal_date=D(2025, 12, 1)),
        RegulatoryRecord("行政规范性文件", D(2024, 6, 1), "废止", repeal_date=D(2026, 2, 1)),
        RegulatoryRecord("行政规范性文件", D(2023, 1, 1), "失效", expiry_date=D(2025, 7, 1)),
        RegulatoryRecord("行政规范性文件", D(2026, 1, 5)),
        RegulatoryRecord("规章", D(2025, 9, 9)),
        RegulatoryRecord("其他文件", D(2025, 9, 9)),
    ]
    counts = regulation_counts(records, 2025)
    # 2024 document repealed in 2026 was still in force at the end of 2025.
    assert counts["行政规范性文件"] == TableTwoCounts(issued=2, repealed=1, in_force=2)
    assert counts["规章"] == TableTwoCounts(issued=1, repealed=0, in_force=1)
    assert regulation_counts(records, 2025, count_expired=True)["行政规范性文件"].repealed == 2
    assert regulation_counts([], 2025) == {
        "规章": TableTwoCounts(),
        "行政规范性文件": TableTwoCounts(),
    }


def test_table_two_reads_live_original_records_of_the_organisations(cluster, orgs, make_disclosure):
    column = cluster.column(cluster.county_a, "fgwj")
    kind = {"regulatory_kind": "行政规范性文件"}
    make_disclosure(column, orgs["county_a"], written_date=D(2025, 4, 1), **kind)
    repealed = make_disclosure(
        column, orgs["county_a"], written_date=D(2025, 5, 1), validity="废止",
        repeal_date=D(2025, 11, 1), **kind,
    )  # fmt: skip
    repealed.create_alias(parent=cluster.column(cluster.city, "fgwj"))  # same record, counted once
    make_disclosure(column, orgs["county_a"], written_date=D(2025, 5, 2), live=False, **kind)
    make_disclosure(column, orgs["county_a_edu"], written_date=D(2025, 5, 3), **kind)
    county = Organisation.objects.filter(pk=orgs["county_a"].pk)
    assert table_two_regulations(county, 2025)["行政规范性文件"] == TableTwoCounts(2, 1, 1)
    both = Organisation.objects.filter(site=cluster.county_a)
    assert table_two_regulations(both, 2025)["行政规范性文件"] == TableTwoCounts(3, 1, 2)
