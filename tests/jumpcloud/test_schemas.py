"""Request and response schemas: strict types, enums, required sub-fields, unknown keys."""
import importlib
import json
import pkgutil
import types
import warnings

import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, ValidationError

import jcmock.jumpcloud.schemas as schema_package
from helpers import SHARED
from jcmock.core.fields import StrictSchema

# Every name the area modules define, so a table below can name a schema whichever area holds it.
MODULES = [importlib.import_module(f"{schema_package.__name__}.{info.name}")
           for info in pkgutil.iter_modules(schema_package.__path__)]
schemas = types.SimpleNamespace(**{name: value for module in MODULES for name, value in vars(module).items()
                                   if not name.startswith("__")})


if not SHARED.is_dir():
    pytest.skip("JumpCloud's reference data (../shared beside the checkout) is not there", allow_module_level=True)

REFERENCE = json.loads((SHARED / "reference/jumpcloud-patch-surface.json").read_text())
ENDPOINTS = {endpoint["path"]: endpoint for endpoint in REFERENCE["endpoints"]}


def fixture(path):
    """The stored object JumpCloud's reference documents for a route."""
    return ENDPOINTS[path]["storedObjectExample"]


# The request schema of each documented PATCH route (bulk bodies are arrays of items).
PATCH_SCHEMAS = {
    "/activedirectories/{id}": schemas.ActiveDirectoryPatch,
    "/authn/policies/{id}": schemas.AuthnPolicyPatch,
    "/bulk/users": schemas.BulkUserUpdate,
    "/gsuites/{id}": schemas.GSuitePatch,
    "/google-emm/enterprises/{enterpriseId}": schemas.EnterprisePatch,
    "/iplists/{id}": schemas.IPListPatch,
    "/ldapservers/{id}": schemas.LdapServerPatch,
    "/office365s/{office365_id}": schemas.Office365Patch,
    "/integrations/autotask/{UUID}": schemas.AutotaskConfigPatch,
    "/integrations/autotask/{UUID}/mappings": schemas.AutotaskMappingRequest,
    "/integrations/autotask/{UUID}/settings": schemas.AutotaskSettingsPatch,
    "/integrations/connectwise/{UUID}": schemas.ConnectwiseConfigPatch,
    "/integrations/connectwise/{UUID}/mappings": schemas.ConnectwiseMappingRequest,
    "/integrations/connectwise/{UUID}/settings": schemas.ConnectwiseSettingsPatch,
    "/integrations/syncro/{UUID}": schemas.SyncroConfigPatch,
    "/integrations/syncro/{UUID}/mappings": schemas.SyncroMappingRequest,
    "/integrations/syncro/{UUID}/settings": schemas.SyncroSettingsPatch,
    "/users/{user_id}/pushendpoints/{push_endpoint_id}": schemas.PushEndpointPatch,
}
BULK_SCHEMAS = (schemas.BulkUserUpdate, schemas.BulkUserCreate)
MAPPING_SCHEMAS = (schemas.AutotaskMappingRequest, schemas.ConnectwiseMappingRequest, schemas.SyncroMappingRequest)
OBJECT_PATCH_SCHEMAS = [s for s in PATCH_SCHEMAS.values() if s not in MAPPING_SCHEMAS + BULK_SCHEMAS]

# The response schema that each route's documented stored object must satisfy.
FIXTURE_SCHEMAS = {
    "/activedirectories/{id}": schemas.ActiveDirectory,
    "/authn/policies/{id}": schemas.AuthnPolicy,
    "/gsuites/{id}": schemas.GSuite,
    "/google-emm/enterprises/{enterpriseId}": schemas.Enterprise,
    "/iplists/{id}": schemas.IPList,
    "/ldapservers/{id}": schemas.LdapServer,
    "/office365s/{office365_id}": schemas.Office365,
    "/integrations/autotask/{UUID}": schemas.AutotaskConfig,
    "/integrations/autotask/{UUID}/mappings": schemas.AutotaskMappingList,
    "/integrations/autotask/{UUID}/settings": schemas.AutotaskSettings,
    "/integrations/connectwise/{UUID}": schemas.ConnectwiseConfig,
    "/integrations/connectwise/{UUID}/mappings": schemas.ConnectwiseMappingList,
    "/integrations/connectwise/{UUID}/settings": schemas.ConnectwiseSettings,
    "/integrations/syncro/{UUID}": schemas.SyncroConfig,
    "/integrations/syncro/{UUID}/mappings": schemas.SyncroMappingList,
    "/integrations/syncro/{UUID}/settings": schemas.SyncroSettings,
    "/users/{user_id}/pushendpoints/{push_endpoint_id}": schemas.PushEndpoint,
}

USER_ID = "5be9fb4ddb01290001e85109"
ORG = {"id": "5e1f2a3b4c5d6e7f80910a1b", "name": "Client Org A"}
COMPANY = {"id": "29683001", "name": "Client A Inc"}
MISSING = "Missing data for required field."


def load(schema, body):
    """Load a request body; bulk bodies are arrays of items."""
    return schema().load(body, many=schema in BULK_SCHEMAS)


def messages_at(error, dotted):
    """The messages a ValidationError holds at a dotted path such as ``"data.0.company"``."""
    node = error.messages
    for part in dotted.split("."):
        key = int(part) if part.isdigit() else part
        assert isinstance(node, dict) and key in node, f"no error at {dotted!r}: {error.messages!r}"
        node = node[key]
    return node


VALID = [
    ("ad-readonly-fields-accepted", schemas.ActiveDirectoryPatch, fixture("/activedirectories/{id}")),
    ("ad-2026-fields", schemas.ActiveDirectoryPatch, {"delegationState": "ENABLED", "groupsEnabled": False}),
    ("ad-create-sample", schemas.ActiveDirectoryCreate, {"domain": "DC=AD_domain_name;DC=com"}),
    ("authn-full-policy", schemas.AuthnPolicyPatch, fixture("/authn/policies/{id}")),
    ("authn-2026-fields", schemas.AuthnPolicyPatch, {
        "type": "admin_portal",
        "effect": {
            "action": "deny",
            "obligations": {"mfaFactors": [{"type": "TOTP"}, {"type": "WEBAUTHN"}]},
            "custom_error_message": {
                "enabled": True, "message": "Ask IT",
                "primary_help": {"text": "Help", "url": "https://help.example.com"},
            },
        },
        "targets": {
            "resources": [{"type": "admin_portal"}, {"type": "application", "id": "65a1b2c3d4e5f60718293a4e"}],
            "userAttributes": {"inclusions": [{"field": "ldap_binding_user", "operator": "EQ", "value": True}]},
        },
        "conditions": {"all": [{"deviceManaged": True}, {"locationIn": {"countries": ["US"]}}]},
    }),
    ("gsuite-set-default-domain", schemas.GSuitePatch, {"defaultDomain": {"id": "5f9e1a2b3c4d5e6f70819204"}}),
    ("gsuite-clear-default-domain", schemas.GSuitePatch, {"defaultDomain": {}}),
    ("gsuite-remove-access", schemas.GSuitePatch, {"userPasswordExpirationAction": "remove_access"}),
    ("gsuite-readonly-fields-accepted", schemas.GSuitePatch, fixture("/gsuites/{id}")),
    ("office365-sample-actions", schemas.Office365Patch,
     {"userLockoutAction": "maintain", "userPasswordExpirationAction": "suspend"}),
    ("office365-sample-placeholder-domain", schemas.Office365Patch, {"defaultDomain": {"id": "{domainObjectID}"}}),
    ("office365-readonly-fields-accepted", schemas.Office365Patch, fixture("/office365s/{office365_id}")),
    ("ldap-body-repeats-id", schemas.LdapServerPatch, {"id": "5a1b2c3d4e5f607182930a4b", "userLockoutAction": "disable"}),
    ("emm-objectid-group", schemas.EnterprisePatch, {"deviceGroupId": "6501a2b3c4d5e6f708192a3c"}),
    ("emm-base64-group", schemas.EnterprisePatch, {"deviceGroupId": "ZXhhbXBsZQ=="}),
    ("emm-create", schemas.EnterpriseCreate, {"enrollmentToken": "tok", "signupUrlName": "signupUrls/abc"}),
    ("iplist-every-entry-form", schemas.IPListPatch, {"ips": [
        "192.168.10.12", "192.168.10.20 - 192.168.10.30", "10.0.0.1-10.0.0.9", "10.0.0.1 -10.0.0.1",
        "203.0.113.0/24", "123.225.10.0/32", "2001:db8::1", "2001:db8::/32", "2001:db8::1 - 2001:db8::ff",
    ]}),
    ("iplist-create", schemas.IPListCreate, {"name": "Sample IP List", "ips": ["192.168.10.10"]}),
    ("push-rename", schemas.PushEndpointPatch, {"name": "Work phone"}),
    ("autotask-create", schemas.AutotaskConfigCreate, {"username": "api-user@example.com", "secret": "s3cret"}),
    ("connectwise-create", schemas.ConnectwiseConfigCreate,
     {"companyId": "examplemsp", "url": "https://api-na.myconnectwise.net", "publicKey": "a", "privateKey": "b"}),
    ("syncro-create", schemas.SyncroConfigCreate, {"subdomain": "examplemsp", "apiToken": "token"}),
    ("autotask-settings-150-types", schemas.AutotaskSettingsPatch, {"companyTypeIds": list(range(150))}),
    ("autotask-mapping-null-contract", schemas.AutotaskMappingRequest, {"data": [{
        "organization": ORG, "company": COMPANY, "contract": {"id": None, "name": None},
        "service": {"id": None, "name": None, "nonBillableUsers": None},
    }]}),
    ("autotask-mapping-delete-without-company", schemas.AutotaskMappingRequest,
     {"data": [{"delete": True, "organization": {"id": ORG["id"]}}]}),
    ("connectwise-mapping-delete-and-upsert", schemas.ConnectwiseMappingRequest, {"data": [
        {"delete": True, "organization": {"id": ORG["id"]}},
        {"delete": False, "organization": ORG, "company": COMPANY, "agreement": {"id": "17", "name": "MSA"}},
    ]}),
    ("syncro-mapping-delete-without-company", schemas.SyncroMappingRequest,
     {"data": [{"delete": True, "organization": ORG}]}),
    ("bulk-update-v1-attributes", schemas.BulkUserUpdate, [{
        "id": USER_ID, "firstname": "Ada", "costCenter": "R&D", "state": "SUSPENDED", "unix_uid": 5001,
        "phoneNumbers": [{"type": "home", "number": "555"}, {"type": "work", "number": "556"}],
        "addresses": [{"type": "work", "locality": "Boulder", "country": "US"}],
        "mfa": {"exclusion": True, "exclusionDays": 7, "exclusionUntil": "2025-06-08T00:00:00Z"},
        "ssh_keys": [{"name": "laptop", "public_key": "ssh-ed25519 AAAA"}],
        "delegatedAuthority": None, "restrictedFields": {"field": "email", "type": "scim"},
    }]),
    ("bulk-create-sample", schemas.BulkUserCreate, [{
        "email": "ada@example.com", "username": "ada", "firstname": "Ada", "state": "STAGED",
        "attributes": [{"name": "EmployeeID", "value": "0000"}], "recoveryEmail": {"address": "ada@home.example"},
    }]),
]

INVALID = [
    # wrong JSON types
    ("number-for-string", schemas.GSuitePatch, {"name": 5}, "name", "Not a valid string."),
    ("string-for-bool", schemas.GSuitePatch, {"groupsEnabled": "true"}, "groupsEnabled", "Not a valid boolean."),
    ("int-for-bool", schemas.EnterprisePatch, {"allowDeviceEnrollment": 1}, "allowDeviceEnrollment", "Not a valid boolean."),
    ("string-for-ticketing", schemas.SyncroSettingsPatch, {"automaticTicketing": "yes"}, "automaticTicketing",
     "Not a valid boolean."),
    ("null-for-string", schemas.PushEndpointPatch, {"name": None}, "name", "Field may not be null."),
    ("bool-for-int", schemas.AutotaskSettingsPatch, {"companyTypeIds": [1, True]}, "companyTypeIds.1", "Not a valid integer."),
    ("float-for-int", schemas.ConnectwiseSettingsPatch, {"companyTypeIds": [1.0]}, "companyTypeIds.0", "Not a valid integer."),
    ("string-for-int", schemas.AutotaskSettingsPatch, {"companyTypeIds": ["1"]}, "companyTypeIds.0", "Not a valid integer."),
    ("string-for-list", schemas.IPListPatch, {"ips": "10.0.0.1"}, "ips", "Not a valid list."),
    ("string-for-object", schemas.GSuitePatch, {"defaultDomain": "example.com"}, "defaultDomain._schema",
     "Invalid input type."),
    ("list-for-conditions", schemas.AuthnPolicyPatch, {"conditions": ["deviceManaged"]}, "conditions",
     "Not a valid mapping type."),
    ("string-for-number", schemas.SyncroMappingRequest, {"data": [{
        "organization": ORG, "company": COMPANY,
        "billingConfigurations": {"fields": {"schedule_id": {"kind": "numberValue", "numberValue": "99"}}},
    }]}, "data.0.billingConfigurations.fields.schedule_id.numberValue", "Not a valid number."),
    ("string-for-nonbillable", schemas.AutotaskMappingRequest,
     {"data": [{"organization": ORG, "company": COMPANY, "service": {"nonBillableUsers": "2"}}]},
     "data.0.service.nonBillableUsers", "Not a valid integer."),
    ("body-not-an-object", schemas.GSuitePatch, ["userLockoutAction"], "_schema", "Invalid input type."),
    ("bulk-item-not-an-object", schemas.BulkUserUpdate, [USER_ID], "0._schema", "Invalid input type."),
    # enums, each resource with its own
    ("gsuite-lockout-enum", schemas.GSuitePatch, {"userLockoutAction": "remove_access"}, "userLockoutAction",
     "Must be one of: suspend, maintain."),
    ("office365-expiration-enum", schemas.Office365Patch, {"userPasswordExpirationAction": "remove_access"},
     "userPasswordExpirationAction", "Must be one of: suspend, maintain."),
    ("ldap-lockout-enum", schemas.LdapServerPatch, {"userLockoutAction": "suspend"}, "userLockoutAction",
     "Must be one of: disable, remove."),
    ("ad-use-case-in-braces", schemas.ActiveDirectoryPatch, {"useCase": "{ADASAUTHORITY}"}, "useCase",
     "Must be one of: UNSET, TWOWAYSYNC, JCASAUTHORITY, ADASAUTHORITY."),
    ("ad-delegation-enum", schemas.ActiveDirectoryPatch, {"delegationState": "ON"}, "delegationState", "Must be one of:"),
    ("push-state-enum", schemas.PushEndpointPatch, {"state": "disabled"}, "state", "Must be one of: active, inactive."),
    ("authn-type-enum", schemas.AuthnPolicyPatch, {"type": "sso"}, "type", "Must be one of:"),
    ("authn-action-enum", schemas.AuthnPolicyPatch, {"effect": {"action": "maybe"}}, "effect.action",
     "Must be one of: allow, deny, unknown."),
    ("authn-requirement-enum", schemas.AuthnPolicyPatch,
     {"effect": {"action": "allow", "obligations": {"userVerification": {"requirement": "always"}}}},
     "effect.obligations.userVerification.requirement", "Must be one of: none, optional, required."),
    ("authn-mfa-factor-enum", schemas.AuthnPolicyPatch,
     {"effect": {"action": "allow", "obligations": {"mfaFactors": [{"type": "SMS"}]}}},
     "effect.obligations.mfaFactors.0.type", "Must be one of:"),
    ("bulk-update-no-staged", schemas.BulkUserUpdate, [{"id": USER_ID, "state": "STAGED"}], "0.state",
     "Must be one of: ACTIVATED, SUSPENDED."),
    # required sub-fields
    ("authn-effect-without-action", schemas.AuthnPolicyPatch, {"effect": {"obligations": {"mfa": {"required": True}}}},
     "effect.action", MISSING),
    ("authn-resource-without-type", schemas.AuthnPolicyPatch,
     {"targets": {"resources": [{"id": "65a1b2c3d4e5f60718293a4e"}]}}, "targets.resources.0.type", MISSING),
    ("authn-custom-message-without-text", schemas.AuthnPolicyPatch,
     {"effect": {"action": "deny", "custom_error_message": {"enabled": True}}},
     "effect.custom_error_message.message", MISSING),
    ("mapping-upsert-without-company", schemas.AutotaskMappingRequest, {"data": [{"organization": ORG}]},
     "data.0.company", MISSING),
    ("mapping-delete-false-without-company", schemas.SyncroMappingRequest,
     {"data": [{"delete": False, "organization": ORG}]}, "data.0.company", MISSING),
    ("mapping-upsert-without-org-name", schemas.ConnectwiseMappingRequest,
     {"data": [{"organization": {"id": ORG["id"]}, "company": COMPANY}]}, "data.0.organization.name", MISSING),
    ("mapping-company-without-name", schemas.ConnectwiseMappingRequest,
     {"data": [{"organization": ORG, "company": {"id": "250"}}]}, "data.0.company.name", MISSING),
    ("mapping-delete-without-org", schemas.AutotaskMappingRequest, {"data": [{"delete": True}]}, "data.0.organization",
     MISSING),
    ("mapping-empty-org-id", schemas.AutotaskMappingRequest, {"data": [{"delete": True, "organization": {"id": ""}}]},
     "data.0.organization.id", "Shorter than minimum length 1."),
    ("mapping-empty-data", schemas.SyncroMappingRequest, {"data": []}, "data", "Must contain at least one mapping."),
    ("mapping-without-data", schemas.ConnectwiseMappingRequest, {}, "data", MISSING),
    ("bulk-update-without-id", schemas.BulkUserUpdate, [{"firstname": "Ada"}], "0.id", MISSING),
    ("bulk-update-short-id", schemas.BulkUserUpdate, [{"id": USER_ID[:-1]}], "0.id", "is not a valid ObjectId"),
    ("bulk-create-without-email", schemas.BulkUserCreate, [{"username": "ada"}], "0.email", MISSING),
    ("bulk-create-without-username", schemas.BulkUserCreate, [{"email": "ada@example.com"}], "0.username", MISSING),
    ("iplist-create-without-name", schemas.IPListCreate, {"ips": ["10.0.0.1"]}, "name", MISSING),
    ("autotask-create-without-secret", schemas.AutotaskConfigCreate, {"username": "u"}, "secret", MISSING),
    ("connectwise-create-without-url", schemas.ConnectwiseConfigCreate,
     {"companyId": "c", "publicKey": "a", "privateKey": "b"}, "url", MISSING),
    ("syncro-create-without-token", schemas.SyncroConfigCreate, {"subdomain": "s"}, "apiToken", MISSING),
    # unknown fields
    ("ad-snake-case-use-case", schemas.ActiveDirectoryPatch, {"use_case": "ADASAUTHORITY"}, "use_case", "Unknown field."),
    ("push-extra-key", schemas.PushEndpointPatch, {"name": "x", "enabled": True}, "enabled", "Unknown field."),
    ("ldap-name-not-patchable", schemas.LdapServerPatch, {"name": "LDAP"}, "name", "Unknown field."),
    ("syncro-settings-no-company-types", schemas.SyncroSettingsPatch, {"companyTypeIds": [1]}, "companyTypeIds",
     "Unknown field."),
    ("nested-unknown-key", schemas.GSuitePatch, {"defaultDomain": {"ID": "x"}}, "defaultDomain.ID", "Unknown field."),
    ("bulk-item-unknown-key", schemas.BulkUserUpdate, [{"id": USER_ID, "first_name": "Ada"}], "0.first_name",
     "Unknown field."),
    ("bulk-phone-unknown-key", schemas.BulkUserUpdate, [{"id": USER_ID, "phoneNumbers": [{"type": "work", "num": "1"}]}],
     "0.phoneNumbers.0.num", "Unknown field."),
    ("syncro-mapping-has-no-contract", schemas.SyncroMappingRequest,
     {"data": [{"organization": ORG, "company": COMPANY, "contract": {"id": "1"}}]}, "data.0.contract",
     "Unknown field."),
    # IP list entries
    ("ip-octet-out-of-range", schemas.IPListPatch, {"ips": ["10.0.0.300"]}, "ips.0",
     "'10.0.0.300' is not an IP address, CIDR block or range."),
    ("ip-prefix-too-long", schemas.IPListPatch, {"ips": ["10.0.0.1", "10.0.0.0/33"]}, "ips.1", "'10.0.0.0/33'"),
    ("ip-range-reversed", schemas.IPListPatch, {"ips": ["10.0.0.9 - 10.0.0.1"]}, "ips.0", "start address is after the end"),
    ("ip-range-mixed-families", schemas.IPListPatch, {"ips": ["10.0.0.1 - 2001:db8::1"]}, "ips.0", "both ends must be IPv4"),
    ("ip-range-bad-end", schemas.IPListPatch, {"ips": ["10.0.0.1 - 10.0.0"]}, "ips.0", "'10.0.0.1 - 10.0.0'"),
    ("ip-hostname", schemas.IPListCreate, {"name": "n", "ips": ["example.com"]}, "ips.0", "'example.com'"),
    ("ip-not-a-string", schemas.IPListPatch, {"ips": [167772161]}, "ips.0", "Not a valid string."),
    # formats and limits
    ("emm-group-not-base64", schemas.EnterprisePatch, {"deviceGroupId": "not base64!"}, "deviceGroupId",
     "not a valid base64"),
    ("ad-updated-at-not-date-time", schemas.ActiveDirectoryPatch, {"updatedAt": "yesterday"}, "updatedAt", "date-time"),
    ("too-many-company-types", schemas.AutotaskSettingsPatch, {"companyTypeIds": list(range(151))}, "companyTypeIds",
     "Must not contain more than 150 items."),
    ("bulk-uid-below-one", schemas.BulkUserUpdate, [{"id": USER_ID, "unix_uid": 0}], "0.unix_uid",
     "greater than or equal to 1"),
    ("bulk-attribute-value-too-long", schemas.BulkUserUpdate,
     [{"id": USER_ID, "attributes": [{"name": "n", "value": "x" * 1025}]}], "0.attributes.0.value",
     "Longer than maximum length 1024."),
]


def test_every_patch_route_has_a_schema():
    assert set(PATCH_SCHEMAS) == set(ENDPOINTS)


@pytest.mark.parametrize("path", [path for path, endpoint in ENDPOINTS.items() if "requestExample" in endpoint])
def test_documented_request_example_loads_unchanged(path):
    body = ENDPOINTS[path]["requestExample"]
    assert load(PATCH_SCHEMAS[path], body) == body


@pytest.mark.parametrize("name, schema, body", VALID, ids=[case[0] for case in VALID])
def test_valid_body_loads_unchanged(name, schema, body):
    assert load(schema, body) == body


@pytest.mark.parametrize("name, schema, body, where, message", INVALID, ids=[case[0] for case in INVALID])
def test_invalid_body_is_rejected_naming_the_field(name, schema, body, where, message):
    with pytest.raises(ValidationError) as raised:
        load(schema, body)
    found = messages_at(raised.value, where)
    assert any(message in text for text in found), found


@pytest.mark.parametrize("schema", OBJECT_PATCH_SCHEMAS, ids=lambda schema: schema.__name__)
def test_patch_schema_accepts_an_empty_body(schema):
    assert schema().load({}) == {}


@pytest.mark.parametrize("schema", OBJECT_PATCH_SCHEMAS, ids=lambda schema: schema.__name__)
def test_patch_schema_rejects_an_unknown_field(schema):
    with pytest.raises(ValidationError) as raised:
        schema().load({"bogusField": 1})
    assert raised.value.messages == {"bogusField": ["Unknown field."]}


@pytest.mark.parametrize("schema", MAPPING_SCHEMAS, ids=lambda schema: schema.__name__)
def test_mapping_request_rejects_an_unknown_top_level_field(schema):
    with pytest.raises(ValidationError) as raised:
        schema().load({"data": [{"delete": True, "organization": {"id": ORG["id"]}}], "records": []})
    assert raised.value.messages == {"records": ["Unknown field."]}


def test_mapping_item_reports_every_missing_upsert_field_at_once():
    with pytest.raises(ValidationError) as raised:
        schemas.AutotaskMappingRequest().load({"data": [{"organization": {"id": ORG["id"]}, "contract": {"id": 5}}]})
    assert raised.value.messages == {"data": {0: {
        "contract": {"id": ["Not a valid string."]},
        "company": [MISSING],
        "organization": {"name": [MISSING]},
    }}}


def test_mapping_item_with_invalid_delete_reports_only_the_delete_flag():
    with pytest.raises(ValidationError) as raised:
        schemas.SyncroMappingRequest().load({"data": [{"delete": "true", "organization": {"id": ORG["id"]}}]})
    assert raised.value.messages == {"data": {0: {"delete": ["Not a valid boolean."]}}}


def test_bulk_update_accepts_exactly_the_sdk_v1_attributes():
    documented = set(REFERENCE["schemas"]["bulk-user-update.psSdkOverride"]["properties"])
    assert len(documented) == 47
    # plus tags, which the override lacks and jcapiv1's Systemuserput lists (tests/test_bulk_users.py)
    assert set(schemas.BulkUserUpdate().fields) == documented | {"tags"}


def test_bulk_create_accepts_every_documented_attribute():
    documented = set(REFERENCE["schemas"]["bulk-user-create"]["properties"])
    assert documented <= set(schemas.BulkUserCreate().fields)


@pytest.mark.parametrize(
    "field, accepted, rejected",
    [
        (schemas.StrictBoolean(), [True, False], ["true", 1, 0, "yes", None, []]),
        (schemas.StrictInteger(), [0, -3, 2**40], [True, False, 1.0, 1.5, "1", None]),
        (schemas.StrictNumber(), [0, 1.5, -2], [True, "1.5", float("nan"), float("inf"), None]),
        (schemas.ObjectIdString(), [USER_ID, USER_ID.upper()],
         [USER_ID[:-1], USER_ID + "0", USER_ID + "\n", "z" * 24, 5]),
    ],
    ids=["StrictBoolean", "StrictInteger", "StrictNumber", "ObjectIdString"],
)
def test_strict_field_accepts_only_its_own_json_type(field, accepted, rejected):
    for value in accepted:
        assert field.deserialize(value) == value
    for value in rejected:
        with pytest.raises(ValidationError):
            field.deserialize(value)


def test_object_id_pattern_is_24_hex_characters():
    assert schemas.OBJECT_ID_RE.fullmatch(USER_ID)
    assert not schemas.OBJECT_ID_RE.fullmatch(USER_ID[:23] + "g")


@pytest.mark.parametrize("path", sorted(FIXTURE_SCHEMAS))
def test_documented_fixture_satisfies_its_response_schema(path):
    assert FIXTURE_SCHEMAS[path]().load(fixture(path)) == fixture(path)


def test_bulk_job_fixtures_satisfy_the_job_schemas():
    job = fixture("/bulk/users")
    assert schemas.JobId().load(job["job"]) == job["job"]
    results = job["resultsAfterCompletion"]
    assert schemas.JobWorkResult(many=True).load(results) == results


@pytest.mark.parametrize(
    "schema, stored, secrets",
    [
        (schemas.AutotaskConfig, {"id": "u", "username": "api", "secret": "s"}, {"secret"}),
        (schemas.ConnectwiseConfig, {"id": "u", "companyId": "c", "url": "https://x", "publicKey": "a",
                                     "privateKey": "b"}, {"publicKey", "privateKey"}),
        (schemas.SyncroConfig, {"id": "u", "subdomain": "s", "apiToken": "t"}, {"apiToken"}),
        (schemas.SystemUser, {"id": USER_ID, "username": "ada", "password": "hunter2"}, {"password"}),
    ],
    ids=["autotask", "connectwise", "syncro", "systemuser"],
)
def test_response_schema_never_dumps_a_secret(schema, stored, secrets):
    assert not secrets & set(schema().dump(stored))
    assert not secrets & set(schema().fields)


def test_system_user_dumps_its_id_under_both_v1_keys():
    dumped = schemas.SystemUser().dump({"id": USER_ID, "username": "ada"})
    assert dumped == {"_id": USER_ID, "id": USER_ID, "username": "ada"}


def test_directory_listing_requires_id_name_and_type():
    with pytest.raises(ValidationError) as raised:
        schemas.Directory().load({"name": "Contoso"})
    assert set(raised.value.messages) == {"id", "type"}


def test_every_schema_converts_to_openapi_without_warnings():
    spec = APISpec("jcmock", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for module in MODULES:
            for name, schema in vars(module).items():
                # A schema another one nests is already registered under its name by apispec.
                if (isinstance(schema, type) and issubclass(schema, Schema) and schema is not StrictSchema
                        and schema.__module__ == module.__name__ and name not in spec.components.schemas):
                    spec.components.schema(name, schema=schema)
    components = spec.to_dict()["components"]["schemas"]
    assert components["GSuitePatch"]["properties"]["userLockoutAction"]["enum"] == ["suspend", "maintain"]
    assert components["AutotaskSettingsPatch"]["properties"]["companyTypeIds"] == {
        "type": "array", "maxItems": 150, "items": {"type": "integer"},
    }
    assert components["BulkUserUpdate"]["properties"]["id"]["pattern"] == schemas.OBJECT_ID_RE.pattern
    assert components["PushEndpointPatch"]["additionalProperties"] is False
