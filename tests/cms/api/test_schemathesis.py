"""Property-based run (Schemathesis 4) against the OpenAPI schema the app serves, in process
through the WSGI app: whatever the parameters, no operation answers 500 and every error is JSON
with a Chinese message (run on SQLite and, with DATABASE_URL, on PostgreSQL). Examples per
operation are few so the run stays short. (Schemathesis's lazy pytest fixture does not work
with this pytest, so the operations' strategies are driven by Hypothesis directly.)"""

from __future__ import annotations

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

from tests.conftest import COUNTY_A_HOST

EXAMPLES_PER_OPERATION = 20


def test_no_operation_answers_500(cluster, orgs, make_article, publish_disclosure):
    make_article(cluster.column(cluster.county_a, "gzdt"))
    publish_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    checked = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case) -> None:
            response = case.call(headers={"Host": COUNTY_A_HOST})
            assert response.status_code < 500, (case.method, case.formatted_path, case.query)
            if response.status_code >= 400:
                assert response.json()["message"], response.text

        run()
        checked.append(operation.label)
    assert "GET /api/v1/changes/" in checked
