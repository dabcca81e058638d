"""What the core gives every service, on Okta: journal, faults, record and replay, fixtures manifest,
OpenAPI document and conformance of answers to Okta's own OpenAPI schemas. Source: issue 12, Build 6-7."""
import json
import re
from functools import cache

import pytest
import requests
import yaml
from jsonschema import Draft202012Validator
from okta_helpers import AUTH, TOKEN

import jcmock
from helpers import SHARED, LiveServer
from jcmock.okta.secrets import redact_paths
from jcmock.recording.cassette import Cassette

USER, GROUP, APP, AS, ZONE, HOOK = ("00uvmg6h0RsNJsNv41d7", "00gqyw6Fv8Klye4C91d7", "0oauJc4Po0Rr7dHU71d7",
                                    "ausl5phnW25toJXmP1d7", "nzog9GAh6xaRY86vC1d7", "whoVhMisAoSqu6wr31d7")
HOOK_BODY = {"name": "SIEM", "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]},
             "channel": {"type": "HTTP", "version": "1.0.0", "config": {
                 "uri": "https://hooks.acme.example/okta", "headers": [{"key": "X-Source", "value": "okta"}],
                 "authScheme": {"type": "HEADER", "key": "Authorization", "value": "hook-secret-0123456789"}}}}


def test_the_journal_records_okta_calls_with_the_token_masked(okta):
    requests.put(f"{okta.base_url}/api/v1/groups/{GROUP}", json={"profile": {"name": "Eng"}}, headers=AUTH)
    okta.assert_called("PUT", "/groups/{id}", json={"profile": {"name": "Eng"}}, times=1)
    call = okta.calls[-1]
    assert (call.service, call.status, call.headers["Authorization"]) == ("okta", 200, "REDACTED")


def test_a_429_fault_has_okta_shape_and_rate_limit_headers(okta):
    okta.fault("GET", "/users/{id}", status=429, times=1)
    answer = requests.get(f"{okta.base_url}/api/v1/users/{USER}", headers=AUTH)
    assert answer.status_code == 429
    assert answer.json()["errorCode"] == "E0000047" and answer.json()["errorCauses"] == []
    assert answer.headers["X-Rate-Limit-Remaining"] == "0"
    assert int(answer.headers["X-Rate-Limit-Reset"]) > 1_700_000_000 and answer.headers["X-Rate-Limit-Limit"]
    assert requests.get(f"{okta.base_url}/api/v1/users/{USER}", headers=AUTH).status_code == 200


def test_mock_okta_with_a_domain_answers_that_org_only():
    import jcmock
    with jcmock.mock_okta(domain="globex.okta.com") as okta:
        answer = requests.get("https://globex.okta.com/api/v1/org", headers=AUTH)
        assert answer.json()["subdomain"] == "globex"
        assert okta.store.get("org", "org")["subdomain"] == "globex"
        with pytest.raises(requests.ConnectionError):
            requests.get("https://acme.okta.com/api/v1/org", headers=AUTH)


def test_the_fixtures_manifest_lists_the_org(app):
    manifest = app.test_client().get("/__jcmock__/fixtures/okta").json
    assert USER in manifest["users"] and ZONE in manifest["zones"] and manifest["org"] == ["org"]


# --- record and replay ---------------------------------------------------------------------------

@pytest.fixture
def recorded(tmp_path):
    """A cassette recorded through ``jcmock record`` from a live ``jcmock serve`` upstream."""
    for name in ("up", "rec"):
        (tmp_path / name).mkdir()
    upstream = LiveServer(tmp_path / "up", "--service", "okta")
    cassette = tmp_path / "okta.yaml"
    recorder = LiveServer(tmp_path / "rec", "--service", "okta", "--cassette", str(cassette),
                          "--upstream", f"okta={upstream.url}", command="record")
    try:
        base = recorder.bases["okta"]
        session = requests.Session()
        session.headers.update(AUTH)
        session.post(f"{base}/users?activate=true", json={
            "profile": {"firstName": "Rae", "lastName": "Cole", "email": "rae@acme.example",
                        "login": "rae@acme.example"},
            "credentials": {"password": {"value": "Pass-word-123!"},
                            "recovery_question": {"question": "Colour?", "answer": "teal-answer"}}}).raise_for_status()
        session.put(f"{base}/eventHooks/{HOOK}", json=HOOK_BODY).raise_for_status()
        idp = session.get(f"{base}/idps/0oair8frijVUHoCrk1d7").json()
        idp["protocol"]["credentials"]["client"]["client_secret"] = "idp-secret-0123456789"
        session.put(f"{base}/idps/0oair8frijVUHoCrk1d7", json=idp).raise_for_status()
        session.get(f"{base}/zones/{ZONE}").raise_for_status()
        session.get(f"{base}/authorizationServers/{AS}/claims").raise_for_status()
        session.put(f"{base}/groups/{GROUP}", json={"profile": {"name": "Recorded Eng"}}).raise_for_status()
        session.get(f"{base}/groups/{GROUP}").raise_for_status()
    finally:
        recorder.stop()
        upstream.stop()
    return cassette


def test_recording_redacts_okta_secrets(recorded):
    text = recorded.read_text()
    for secret in (TOKEN, "Pass-word-123!", "teal-answer", "idp-secret-0123456789"):
        assert secret not in text
    interactions = Cassette.load(recorded).interactions
    put = next(i for i in interactions if i.request.method == "PUT" and "/idps/" in i.request.uri)
    assert json.loads(put.request.body)["protocol"]["credentials"]["client"]["client_secret"] == "REDACTED"
    # Ordinary data named like a secret elsewhere stays: zone gateways and claim values.
    zone = json.loads(next(i for i in interactions if i.request.uri.endswith(f"/zones/{ZONE}")).response.body)
    assert zone["gateways"][0]["value"] == "203.0.113.0/24"
    claims = json.loads(next(i for i in interactions if i.request.uri.endswith("/claims")).response.body)
    assert {claim["value"] for claim in claims} >= {"user.profile.department"}


def test_recording_redacts_hook_auth_header_values_found_by_path(recorded):
    """The secret sits under the ordinary name ``value``: the service's ``redact_body`` finds it by path."""
    assert "hook-secret-0123456789" not in recorded.read_text()


def test_hook_auth_values_are_redacted_by_path_and_nothing_else():
    redacted, changed = redact_paths(HOOK_BODY)
    assert changed and redacted["channel"]["config"]["authScheme"]["value"] == "REDACTED"
    assert redacted["channel"]["config"]["headers"] == HOOK_BODY["channel"]["config"]["headers"]
    assert redact_paths([{"gateways": [{"value": "192.0.2.0/24"}]}]) == ([{"gateways": [{"value": "192.0.2.0/24"}]}],
                                                                         False)


def test_replay_answers_the_cassette_and_falls_back_to_a_seeded_mock(recorded, tmp_path):
    (tmp_path / "play").mkdir()
    replayer = LiveServer(tmp_path / "play", "--service", "okta", str(recorded), "--fallback", "mock",
                          command="replay")
    try:
        base = replayer.bases["okta"]
        replayed = requests.get(f"{base}/groups/{GROUP}", headers=AUTH)
        assert replayed.json()["profile"]["name"] == "Recorded Eng"
        # Played once (strict): the next read goes to the mock, seeded from the recorded answer.
        seeded = requests.get(f"{base}/groups/{GROUP}", headers=AUTH)
        assert seeded.status_code == 200 and seeded.json()["profile"]["name"] == "Recorded Eng"
        changed = requests.put(f"{base}/groups/{GROUP}", json={"profile": {"name": "After"}}, headers=AUTH)
        assert changed.status_code == 200
        assert requests.get(f"{base}/groups/{GROUP}", headers=AUTH).json()["profile"]["name"] == "After"
    finally:
        replayer.stop()


# --- OpenAPI: jcmock's document and Okta's schemas -------------------------------------------------

def test_the_openapi_document_lists_every_okta_route(app):
    document = app.test_client().get("/__jcmock__/openapi/okta.json").json
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("okta_"):
            path = re.sub(r"<any\(([^,)]*)[^)]*\):\w+>", r"\1", rule.rule)
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", path)
            methods = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
            assert methods <= set(document["paths"][path]), rule.rule
    replace = document["paths"]["/api/v1/trustedOrigins/{trustedOriginId}"]["put"]
    assert "requestBody" in replace and "200" in replace["responses"]


@cache
def okta_schemas():
    return yaml.safe_load((SHARED / "reference" / "okta-management-openapi.yaml").read_text())


def okta_validator(name):
    """A validator for one schema of Okta's OpenAPI document (nullable as in 3.0, readOnly allowed)."""
    document = json.loads(json.dumps(okta_schemas()).replace('"nullable": true', '"x-nullable": true'))
    schema = {**document["components"]["schemas"][name], "components": document["components"]}
    return Draft202012Validator(_nullable(schema))


def _nullable(node):
    """OpenAPI 3.0's ``nullable`` as JSON Schema: the node also accepts null."""
    if isinstance(node, dict):
        node = {key: _nullable(value) for key, value in node.items()}
        if node.pop("x-nullable", False):
            return {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    return node


CONFORMANCE = [
    (f"/api/v1/users/{USER}", "User"),
    (f"/api/v1/groups/{GROUP}", "Group"),
    (f"/api/v1/authorizationServers/{AS}", "AuthorizationServer"),
    (f"/api/v1/authorizationServers/{AS}/claims/oclXd9uUE9mQAQsiK1d7", "OAuth2Claim"),
    (f"/api/v1/zones/{ZONE}", "IPNetworkZone"),
    ("/api/v1/trustedOrigins/toslolGYVhlaCdcS71d7", "TrustedOrigin"),
    ("/api/v1/meta/types/user/otyM9EntsvNj6poWW1d7", "UserType"),
    ("/api/v1/brands/bndlqgMd9njaIRUTv1d7", "BrandWithEmbedded"),
    ("/api/v1/org", "OrgSetting"),
]


@pytest.mark.parametrize(("path", "schema"), CONFORMANCE)
def test_success_answers_validate_against_oktas_schemas(client, path, schema):
    answer = client.get(path)
    assert answer.status_code == 200
    errors = sorted(okta_validator(schema).iter_errors(answer.json), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_journal_redacts_hook_auth_values_by_path():
    """The journal masks what record masks: the hook's auth value, found by path, and the token."""
    app = jcmock.create_app(services=["okta"])
    client = app.test_client()
    assert client.put(f"/api/v1/eventHooks/{HOOK}", json=HOOK_BODY, headers=AUTH).status_code == 200
    call = app.extensions["jcmock"].journal.calls(method="PUT")[-1]
    assert call.body["channel"]["config"]["authScheme"]["value"] == "REDACTED"
    assert call.body["channel"]["config"]["headers"] == HOOK_BODY["channel"]["config"]["headers"]
    assert TOKEN not in json.dumps(call.to_dict())
