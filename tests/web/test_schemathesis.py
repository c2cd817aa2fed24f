"""Property-based tests of the API from its own OpenAPI document (Schemathesis).

Schemathesis generates requests from ``/api/openapi.json`` — valid ones and ones that
break the schema — and checks that none gets a server error and that every answer
matches what the document promises. Kept small (a few dozen examples per endpoint) so
it runs in well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kuzet.wsgi import application

pytestmark = pytest.mark.db

# The API's own document, read through the app as a public instance serves it to an
# anonymous client (the tests below run the same way: tests/web/conftest.py).
with override_settings(KUZET_PUBLIC=True):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection() -> object:
    """Requests go through the real WSGI handler, which closes the database connection
    after each one; inside a test's transaction that would close it for good. Django's
    own test client detaches the same signal handlers."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
    database=None,
)
def test_no_request_gets_a_server_error_or_an_undocumented_answer(
    record: None, keep_connection: object, case: schemathesis.Case
) -> None:
    # Every example of one endpoint runs inside this one test, over the same record
    # (the API only reads, so the examples cannot disturb each other).
    case.call_and_validate(checks=CHECKS)
