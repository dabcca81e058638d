"""What the core gives every service, for SCIM: journal, faults, record and replay, OpenAPI,
the fixtures manifest, the in-process mock and the ``scim`` pytest fixture."""
import re

import requests
import yaml
from scim_helpers import AUTH, ERROR, PATCH_OP, TOKEN

from helpers import LiveServer
from jcmock.inprocess import mock_scim

MARIA = "be8ab97f-47da-42e7-b10f-2e8281d998d9"
PLATFORM = "3b94efee-94bc-4f09-b43e-a0331e143f2c"


def test_journal_records_scim_calls_with_token_and_password_masked(client):
    client.post("/scim/Users", json={"userName": "ana", "password": "s3cret-pass"})
    client.patch(f"/scim/Groups/{PLATFORM}", json={
        "schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": "members", "value": [{"value": MARIA}]}]})
    calls = client.get("/__jcmock__/requests", query_string={"service": "scim"}).json
    assert [(c["method"], c["path"], c["status"]) for c in calls] == [
        ("POST", "/scim/Users", 201), ("PATCH", f"/scim/Groups/{PLATFORM}", 200)]
    assert calls[0]["service"] == "scim" and calls[0]["body"]["password"] == "REDACTED"
    assert calls[0]["headers"]["Authorization"] == "REDACTED"
    # A member's ``value`` is no secret: it stays readable.
    assert calls[1]["body"]["Operations"][0]["value"] == [{"value": MARIA}]


def test_declared_secrets_are_only_the_bearer_token_and_password():
    from jcmock.scim.service import SERVICE
    assert SERVICE.secret_headers == {"authorization"} and SERVICE.secret_fields == {"password"}
    assert not SERVICE.secret_params


def test_admin_fault_is_a_429_in_scim_shape(client):
    added = client.post("/__jcmock__/faults", json={"service": "scim", "path": "/Users", "status": 429, "times": 1})
    assert added.status_code == 201
    response = client.get("/scim/Users")
    assert response.status_code == 429 and response.content_type == "application/scim+json"
    assert response.json["schemas"] == [ERROR] and response.json["status"] == "429"
    assert response.headers["Retry-After"] == "1"
    assert client.get("/scim/Users").status_code == 200  # times: 1


def test_fault_header_is_answered_in_scim_shape(client):
    response = client.get("/acme/scim/Groups", headers={"x-jcmock-fault": "503"})
    assert response.status_code == 503 and response.content_type == "application/scim+json"
    assert response.json["status"] == "503" and "scimType" not in response.json


def test_openapi_document_lists_every_route(client):
    response = client.get("/__jcmock__/openapi/scim.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] and spec["paths"]
    assert spec["components"]["securitySchemes"]["credential"] == {"type": "http", "scheme": "bearer"}
    served = {(method.lower(), re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule))
              for rule in client.application.url_map.iter_rules() if rule.endpoint.startswith("scim.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(method, path) for path, operations in spec["paths"].items() for method in operations}
    expanded = {(method, path.replace("{endpoint}", endpoint)) for method, path in served
                for endpoint in ("Users", "Groups", "Roles", "Permissions", "Actions", "Resources",
                                 "Resource-Types", "Resources-Types")} if served else set()
    concrete = {(m, p) for m, p in expanded if "{endpoint}" not in p}
    assert concrete <= documented, sorted(concrete - documented)[:5]
    assert ("get", "/scim/v2/Users/{obj_id}") in documented and ("post", "/{tenant}/scim/Groups") in documented
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            assert operation["responses"] and operation["operationId"]
            for parameter in operation["parameters"]:
                assert parameter["in"] in ("path", "query", "header")
                if parameter["in"] == "path":
                    assert "{" + parameter["name"] + "}" in path
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(spec)


def test_fixtures_manifest_is_served_per_endpoint(client):
    manifest = client.get("/__jcmock__/fixtures/scim").json
    assert list(manifest) == ["Actions", "Resource-Types", "Resources", "Permissions", "Roles", "Users", "Groups"]
    assert MARIA in manifest["Users"] and PLATFORM in manifest["Groups"]


def test_mock_scim_answers_requests_in_process():
    with mock_scim() as scim:
        response = requests.get(f"https://scim.example.test/scim/v2/Users/{MARIA}", headers=AUTH, timeout=5)
        assert response.status_code == 200 and response.headers["Content-Type"] == "application/scim+json"
        assert response.json()["meta"]["location"] == f"https://scim.example.test/scim/v2/Users/{MARIA}"
        assert scim.store.get("User", MARIA)["userName"] == "maria.silva@example.com"
        assert scim["scim"].calls[0].path == f"/scim/v2/Users/{MARIA}"
        scim.assert_called("GET", "/scim/v2/Users/{id}", times=1)


def test_mock_scim_answers_for_its_base_url():
    with mock_scim(base_url="https://idm.corp.test") as scim:
        created = requests.post("https://idm.corp.test/acme/scim/Groups", json={"displayName": "Ops"},
                                headers=AUTH, timeout=5)
        assert created.status_code == 201
        assert [g["displayName"] for g in scim.store.all("Group", org="acme")][-1] == "Ops"
        calls = [(c.method, c.path, c.body) for c in scim.calls]
        assert calls == [("POST", "/acme/scim/Groups", {"displayName": "Ops"})]


def test_scim_pytest_fixture_is_a_fresh_in_process_mock(scim):
    answer = requests.get("https://scim.example.test/scim/Groups", headers=AUTH, timeout=5).json()
    assert answer["totalResults"] == 3
    assert len(scim.calls) == 1


def test_record_then_replay_scim_traffic_with_the_token_redacted(tmp_path):
    (tmp_path / "up").mkdir()
    upstream = LiveServer(tmp_path / "up", "--service", "scim")
    cassette = tmp_path / "scim.yaml"
    recorder = LiveServer(tmp_path, "--service", "scim", "--cassette", str(cassette),
                          "--upstream", f"scim=http://127.0.0.1:{upstream.url.rsplit(':', 1)[1]}", command="record")
    try:
        base = recorder.bases["scim"]
        created = requests.post(f"{base}/Users", json={"userName": "rec.user", "password": "pa55word!"},
                                headers=AUTH, timeout=10)
        assert created.status_code == 201, created.text
        found = requests.get(f"{base}/Users", params={"filter": 'userName eq "rec.user"'}, headers=AUTH, timeout=10)
        assert found.json()["totalResults"] == 1
        missing = requests.get(f"{base}/Users/nobody", headers=AUTH, timeout=10)
        assert missing.status_code == 404
    finally:
        recorder.stop()
        upstream.stop()
    text = cassette.read_text()
    assert TOKEN not in text and "pa55word!" not in text
    interactions = yaml.safe_load(text)["interactions"]
    assert len(interactions) == 3
    assert interactions[0]["request"]["headers"]["Authorization"] == ["REDACTED"]

    (tmp_path / "replay").mkdir()
    replayer = LiveServer(tmp_path / "replay", "--service", "scim", str(cassette), command="replay")
    try:
        base = replayer.bases["scim"]
        again = requests.get(f"{base}/Users", params={"filter": 'userName eq "rec.user"'}, headers=AUTH, timeout=10)
        assert again.status_code == 200 and again.json() == found.json()
        assert again.headers["Content-Type"] == "application/scim+json"
        gone = requests.get(f"{base}/Users/nobody", headers=AUTH, timeout=10)
        assert gone.status_code == 404 and gone.json()["schemas"] == [ERROR]
    finally:
        replayer.stop()
