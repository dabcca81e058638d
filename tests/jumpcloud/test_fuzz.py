"""Property-based fuzzing of jcmock with schemathesis, driven by jcmock's own OpenAPI document.

Every generated request must get an answer that is not a 5xx and that matches the
schema the document declares for its status. Bounded: a few examples per operation.
"""
import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from jcmock import create_app
from jcmock.core.store import Store

APP = create_app({"JCMOCK_SEED": 7}, store=Store())
SCHEMA = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", APP)
EXAMPLES = int(os.environ.get("JCMOCK_FUZZ_EXAMPLES", "25"))


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_answers_match_the_document(case):
    response = case.call_and_validate(headers={"x-api-key": "fuzz-key"},
                                      checks=[not_a_server_error, response_schema_conformance])
    headers = {name.lower(): values for name, values in response.headers.items()}
    assert response.status_code == 204 or headers["content-type"][0].startswith("application/json")
