"""Property-based run (Schemathesis 4) against the OpenAPI schema the app serves, in process
through the WSGI app: whatever the parameters, no operation answers 500 and every error is JSON
with a Chinese message (run on SQLite and, with DATABASE_URL, on PostgreSQL). Examples per
operation are few so the run stays short. (Schemathesis's lazy pytest fixture does not work
with this pytest, so the operations' strategies are driven by Hypothesis directly.)"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from tests.conftest import COUNTY_A_HOST

EXAMPLES_PER_OPERATION = 20


@pytest.fixture
def keep_connection():
    """The WSGI app closes the database connection after each request, which would end the
    test's transaction (on PostgreSQL); Django's own test client unhooks it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_no_operation_answers_500(keep_connection, cluster, orgs, make_article, publish_disclosure):
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
