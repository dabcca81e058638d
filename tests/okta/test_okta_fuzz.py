"""Property-based fuzzing of the Okta service with schemathesis, driven by its own OpenAPI document.

Every generated request must get an answer that is not a 5xx, that matches the schema the
document declares for its status, and that is JSON in Okta's error shape when it is a 4xx.
Path ids are drawn from the fixtures half the time, so requests reach real objects.
Bounded: a few examples per operation (``JCMOCK_FUZZ_EXAMPLES``).
"""
import json
import os

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from okta_helpers import AUTH, make_app
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

APP = make_app(seed=7)
SCHEMA = schemathesis.openapi.from_wsgi("/__jcmock__/openapi/okta.json", APP)
EXAMPLES = int(os.environ.get("JCMOCK_FUZZ_EXAMPLES", "6"))
ERROR_KEYS = {"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"}

# Path parameter -> the fixture manifest's kinds whose ids it takes.
KINDS = {
    "user_id": ("users",), "userIdOrLogin": ("users",), "primaryUserId": ("users",),
    "assigneeId": ("users", "groups"), "groupId": ("groups",), "group_id": ("groups",), "appId": ("apps",),
    "groupRuleId": ("groupRules",), "authenticatorId": ("authenticators",),
    "authServerId": ("authorizationServers",), "claimId": ("authorizationServerClaims",),
    "scopeId": ("authorizationServerScopes",), "policyId": ("policies", "authorizationServerPolicies"),
    "ruleId": ("policyRules", "authorizationServerPolicyRules"), "brandId": ("brands",), "themeId": ("themes",),
    "customizationId": ("emailCustomizations",), "domainId": ("domains",), "eventHookId": ("eventHooks",),
    "inlineHookId": ("inlineHooks",), "idpId": ("idps",), "zoneId": ("zones",),
    "trustedOriginId": ("trustedOrigins",), "typeId": ("userTypes",), "templateId": ("smsTemplates",),
    "contactType": ("orgContacts",), "roleAssignmentId": ("roleAssignments",),
    "linkedObjectName": ("linkedObjectDefinitions",), "primaryRelationshipName": ("linkedObjectDefinitions",),
    "relationshipName": ("linkedObjectDefinitions",),
}
NAMES = {"templateName": ["UserActivation"], "featureName": ["USER_PROVISIONING"], "appName": ["salesforce"]}


def known_ids():
    """Each path parameter's fixture ids, read from the manifest."""
    manifest = APP.test_client().get("/__jcmock__/fixtures/okta").json
    return {**NAMES, **{param: [i for kind in kinds for i in manifest[kind]] for param, kinds in KINDS.items()}}


KNOWN = known_ids()


@SCHEMA.hook
def flatmap_path_parameters(context, parameters):
    """The generated parameters, or the same with every known one replaced by a fixture id."""
    if not parameters:
        return st.just(parameters)
    real = st.fixed_dictionaries({name: st.sampled_from(KNOWN[name]) if name in KNOWN else st.just(value)
                                  for name, value in parameters.items()})
    return st.one_of(st.just(parameters), real)


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_errors_in_okta_shape(case):
    response = case.call_and_validate(headers=AUTH, checks=[not_a_server_error, response_schema_conformance])
    if response.status_code == 204:
        return
    headers = {name.lower(): values for name, values in response.headers.items()}
    assert headers["content-type"][0].startswith("application/json")
    if 400 <= response.status_code < 500:
        error = json.loads(response.content)
        assert set(error) == ERROR_KEYS, error
        assert error["errorCode"] == error["errorLink"]
