"""Property-based check of the API against its own OpenAPI schema (schemathesis,
in-process through the WSGI app): no 5xx, documented status codes, content types and
response bodies. Bounded: a few hundred examples in all."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from cidb.api.models import APIToken  # noqa: E402

EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def api_schema(db, settings, rich_incident):
    rates = {"anonymous": "100000/min", "free": "100000/min", "member": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from cidb.config.wsgi import application

    # As Django's test client does: the test's transaction must survive each request
    # (closing "old" connections would end it on PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def member_token(users) -> str:
    return APIToken.issue(users["member"], "schemathesis")[1]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("as_member", [False, True], ids=["anonymous", "member"])
def test_api_conforms_to_its_schema(api_schema, member_token, as_member):
    headers = {"Authorization": f"Token {member_token}"} if as_member else {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
