"""jcmock against JumpCloud's published schemas.

For every (method, path) that jcmock serves and that JumpCloud's reference
(jumpcloud-patch-surface.json) or Swagger document (jumpcloud-v2-swagger.json)
describes, a request with a body valid under JumpCloud's request schema is accepted,
and the success answer validates against JumpCloud's response schema. Known
differences live in ``jcmock.jumpcloud.differences``.
"""
import json

import jsonschema
import pytest
import requests
from werkzeug.exceptions import HTTPException

import jcmock
from helpers import SHARED
from jcmock.jumpcloud.differences import DIFFERENCES, status_override

if not SHARED.is_dir():
    pytest.skip("JumpCloud's reference data (../shared beside the checkout) is not there", allow_module_level=True)

REFERENCE = json.loads((SHARED / "reference/jumpcloud-patch-surface.json").read_text())
SWAGGER = json.loads((SHARED / "reference/jumpcloud-v2-swagger.json").read_text())
BASE = "https://console.jumpcloud.com/api/v2"
KEY = {"x-api-key": "conformance"}


def reference_operations():
    """(method, path) -> {"status", "response", "request", "example"} from the reference JSON."""
    operations = {}
    for endpoint in REFERENCE["endpoints"]:
        success = next((s for s in endpoint["responses"] if s.startswith("2")), "200")
        operations[("PATCH", endpoint["path"])] = {
            "status": int(success), "response": endpoint["responses"][success].get("schema"),
            "request": endpoint.get("requestSchema"), "example": endpoint.get("requestExample"),
        }
        for companion in endpoint["companions"]:
            operations.setdefault((companion["method"], companion["path"]), {
                "status": companion.get("successStatus", 200), "response": companion.get("responseSchema"),
                "request": companion.get("requestSchema"), "example": None,
            })
    return operations


def swagger_operations():
    operations = {}
    for path, item in SWAGGER["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            success = next((s for s in operation["responses"] if s.startswith("2")), None)
            if success is None:
                continue
            body = next((p for p in operation.get("parameters", []) if p.get("in") == "body"), None)
            operations[(method.upper(), path)] = {
                "status": int(success), "response": operation["responses"][success].get("schema"),
                "request": body.get("schema") if body else None,
            }
    return operations


def validator(schema, root, key):
    """A jsonschema validator for ``schema`` whose refs resolve inside the source document."""
    return jsonschema.Draft4Validator({**schema, key: root[key]} if "$ref" not in schema else
                                      {"allOf": [schema], key: root[key]})


REFERENCE_OPS = reference_operations()
SWAGGER_OPS = swagger_operations()

# Bodies for the calls whose source gives no example; each is checked against JumpCloud's schema first.
BODIES = {
    ("POST", "/activedirectories"): {"domain": "DC=new;DC=example;DC=com"},
    ("POST", "/authn/policies"): {"name": "Conformance", "type": "user_portal", "effect": {"action": "allow"},
                                  "targets": {"users": {"inclusions": ["ALL"]}}},
    ("POST", "/iplists"): {"name": "Conformance", "ips": ["192.0.2.1", "198.51.100.0/24"]},
    ("PUT", "/iplists/{id}"): {"name": "Replaced", "description": "put", "ips": ["203.0.113.9"]},
    ("POST", "/bulk/users"): [{"username": "new.user", "email": "new.user@example.com", "firstname": "New"}],
    ("POST", "/google-emm/enterprises"): {"enrollmentToken": "token-abc", "signupUrlName": "signupUrls/C123"},
    ("POST", "/providers/{provider_id}/integrations/autotask"): {"username": "u@example.com", "secret": "s"},
    ("POST", "/providers/{provider_id}/integrations/connectwise"): {
        "companyId": "c", "url": "https://api-na.myconnectwise.net", "publicKey": "p", "privateKey": "k"},
    ("POST", "/providers/{provider_id}/integrations/syncro"): {"apiToken": "t", "subdomain": "s"},
}

ID_KIND = {
    "activedirectories": "activedirectories", "authn": "authn_policies", "gsuites": "gsuites",
    "iplists": "iplists", "ldapservers": "ldapservers",
}


def concrete(path, manifest, jc):
    """The template with fixture ids; None where a parameter names nothing jcmock holds."""
    parts = path.strip("/").split("/")
    values = {
        "id": manifest.get(ID_KIND.get(parts[0], ""), [None])[0],
        "office365_id": manifest["office365s"][0],
        "enterpriseId": manifest["google_emm_enterprises"][0],
        "UUID": manifest[parts[1]][0] if parts[0] == "integrations" and parts[1] in manifest else None,
        "user_id": manifest["pushendpoints"][0]["user_id"],
        "push_endpoint_id": manifest["pushendpoints"][0]["id"],
        "provider_id": manifest["providers"][1],
    }
    if "{job_id}" in path:
        values["job_id"] = requests.patch(f"{BASE}/bulk/users", json=[{"id": manifest["users"][0]}],
                                          headers=KEY).json()["jobId"]
    for name, value in values.items():
        if f"{{{name}}}" in path:
            if value is None:
                return None
            path = path.replace(f"{{{name}}}", value)
    return None if "{" in path else path


def free_provider_slot(path):
    """Delete the provider's integration of this vendor: JumpCloud allows one per vendor."""
    provider_path, vendor = path.rsplit("/", 1)
    for record in requests.get(f"{BASE}{provider_path}", headers=KEY).json()["records"]:
        if record["type"] == vendor:
            requests.delete(f"{BASE}/integrations/{vendor}/{record['integrationId']}", headers=KEY)


def served(app, method, path):
    try:
        app.url_map.bind("localhost").match(f"/api/v2{path}", method=method)
    except HTTPException:
        return False
    return True


def cases():
    with jcmock.mock_jumpcloud() as jc:
        manifest = jc.backend.fixtures.manifest()
        found = []
        for source, operations, root, key in (("reference", REFERENCE_OPS, REFERENCE, "schemas"),
                                              ("swagger", SWAGGER_OPS, SWAGGER, "definitions")):
            for (method, template), facts in sorted(operations.items()):
                path = concrete(template, manifest, jc) if "{job_id}" not in template else template
                if path and served(jc.app, method, path):
                    found.append(pytest.param(source, method, template, facts, root, key,
                                              id=f"{source}:{method} {template}"))
        return found


CASES = cases()


def test_conformance_covers_every_patch_endpoint():
    patched = {template for source, method, template, *_ in (c.values for c in CASES)
               if source == "reference" and method == "PATCH"}
    assert len(patched) == 18


@pytest.mark.parametrize("source, method, template, facts, root, key", CASES)
def test_success_answer_matches_jumpcloud_schema(source, method, template, facts, root, key):
    with jcmock.mock_jumpcloud() as jc:
        manifest = jc.backend.fixtures.manifest()
        path = concrete(template, manifest, jc)
        body = BODIES.get((method, template), facts.get("example") or
                          REFERENCE_OPS.get((method, template), {}).get("example"))
        if method in ("POST", "PUT", "PATCH"):
            assert body is not None, f"no body for {method} {template}"
            if facts.get("request"):
                validator(facts["request"], root, key).validate(body)
        if method == "POST" and template.startswith("/providers/"):
            free_provider_slot(path)
        response = requests.request(method, f"{BASE}{path}", json=body, headers=KEY)
        expected = status_override(method, template) or facts["status"]
        if source == "swagger" and method == "POST" and template == "/bulk/users":
            expected = facts["status"]
        assert response.status_code == expected, response.text
        if facts.get("response") and response.status_code != 204:
            validator(facts["response"], root, key).validate(response.json())


def test_known_differences_each_give_a_reason():
    assert all(d.reason and d.spec and d.jcmock for d in DIFFERENCES)
