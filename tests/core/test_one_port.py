"""Several services on one port: the path picks the service, and every neutral concern follows it.

Issue 9, points 3 to 5: auth, errors, journal, faults and the admin API go through the service a
request's path names; a db written before services had namespaces still loads.
"""
import json

import requests

from helpers import API_KEY, LiveServer

JUMPCLOUD = {"x-api-key": API_KEY}
OKTA = {"Authorization": "SSWS test-token"}
SCIM = {"Authorization": "Bearer test-token"}


def test_each_prefix_reaches_its_own_service(server):
    assert requests.get(f"{server.url}/api/v2/iplists", headers=JUMPCLOUD, timeout=10).status_code == 200
    okta = requests.get(f"{server.url}/api/v1/users", headers=OKTA, timeout=10)
    assert okta.status_code == 200 and okta.json()[0]["id"].startswith("00u")
    scim = requests.get(f"{server.url}/scim/v2/Users", headers=SCIM, timeout=10)
    assert scim.status_code == 200 and scim.headers["Content-Type"].startswith("application/scim+json")
    assert scim.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]


def test_okta_call_without_a_token_gets_oktas_error_not_jumpclouds(server):
    """The probe of issue 9: GET /api/v1/users with no credential was JumpCloud's x-api-key 401."""
    answer = requests.get(f"{server.url}/api/v1/users", timeout=10)
    assert answer.status_code == 403 and answer.json()["errorCode"] == "E0000005"
    assert "x-api-key" not in answer.text


def test_unknown_routes_answer_in_the_shape_of_the_service_their_prefix_names(server):
    jumpcloud = requests.get(f"{server.url}/api/v2/nothing-here", headers=JUMPCLOUD, timeout=10)
    assert jumpcloud.status_code == 404 and set(jumpcloud.json()) == {"code", "message", "status"}
    okta = requests.get(f"{server.url}/api/v1/nothing-here", headers=OKTA, timeout=10)
    assert okta.status_code == 404 and okta.json()["errorCode"].startswith("E0000")
    scim = requests.get(f"{server.url}/scim/v2/Nothing", headers=SCIM, timeout=10)
    assert scim.status_code == 404 and scim.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert scim.headers["Content-Type"].startswith("application/scim+json")


def test_journal_records_every_service_and_filters_by_one(server):
    requests.delete(f"{server.url}/__jcmock__/requests", timeout=10)
    requests.get(f"{server.url}/api/v2/iplists", headers=JUMPCLOUD, timeout=10)
    requests.get(f"{server.url}/api/v1/groups", headers=OKTA, timeout=10)
    requests.get(f"{server.url}/scim/Groups", headers=SCIM, timeout=10)
    calls = requests.get(f"{server.url}/__jcmock__/requests", timeout=10).json()
    assert [(c["service"], c["path"]) for c in calls] == [
        ("jumpcloud", "/api/v2/iplists"), ("okta", "/api/v1/groups"), ("scim", "/scim/Groups")]
    assert all(c["headers"].get("Authorization", "REDACTED") != OKTA["Authorization"] for c in calls)
    only = requests.get(f"{server.url}/__jcmock__/requests", params={"service": "okta"}, timeout=10).json()
    assert [c["path"] for c in only] == ["/api/v1/groups"]


def test_a_relative_fault_path_fires_below_the_named_services_prefix_only(server):
    """The probe of issue 9: fault(path="/users/*") became /api/v2/users/*; now it names the service's path."""
    requests.delete(f"{server.url}/__jcmock__/faults", timeout=10)
    added = requests.post(f"{server.url}/__jcmock__/faults",
                          json={"service": "okta", "path": "/users", "status": 429, "times": 1}, timeout=10)
    assert added.status_code == 201
    okta = requests.get(f"{server.url}/api/v1/users", headers=OKTA, timeout=10)
    assert okta.status_code == 429 and okta.json()["errorCode"] == "E0000047"
    assert requests.get(f"{server.url}/api/v1/users", headers=OKTA, timeout=10).status_code == 200


def test_a_fault_header_answers_in_the_services_error_shape(server):
    scim = requests.get(f"{server.url}/scim/Users", headers={**SCIM, "x-jcmock-fault": "503"}, timeout=10)
    assert scim.status_code == 503 and scim.json()["status"] == "503"
    assert scim.headers["Retry-After"] == "1"


def test_admin_lists_services_and_answers_per_service(server):
    health = requests.get(f"{server.url}/__jcmock__/health", timeout=10).json()
    assert health["services"] == ["jumpcloud", "okta", "scim"]
    jumpcloud = requests.get(f"{server.url}/__jcmock__/fixtures", timeout=10).json()
    assert jumpcloud == requests.get(f"{server.url}/__jcmock__/fixtures/jumpcloud", timeout=10).json()
    assert "iplists" in jumpcloud and "users" in jumpcloud
    assert requests.get(f"{server.url}/__jcmock__/fixtures/okta", timeout=10).json()["users"]
    assert requests.get(f"{server.url}/__jcmock__/fixtures/nope", timeout=10).status_code == 404
    for name in health["services"]:
        document = requests.get(f"{server.url}/__jcmock__/openapi/{name}.json", timeout=10).json()
        assert document["openapi"].startswith("3.") and document["paths"]


def test_reset_of_one_service_leaves_the_others_alone(server, manifest):
    iplist = manifest["iplists"][0]
    requests.patch(f"{server.url}/api/v2/iplists/{iplist}", json={"name": "changed"}, headers=JUMPCLOUD, timeout=10)
    reset = requests.post(f"{server.url}/__jcmock__/reset", params={"service": "scim"}, timeout=10)
    assert reset.status_code == 200 and list(reset.json()["tenants"]) == ["scim"]
    kept = requests.get(f"{server.url}/api/v2/iplists/{iplist}", headers=JUMPCLOUD, timeout=10).json()
    assert kept["name"] == "changed"


def test_serve_service_option_limits_what_is_served(tmp_path):
    with LiveServer(tmp_path, "--service", "scim") as only_scim:
        assert set(only_scim.bases) == {"scim"}
        assert requests.get(f"{only_scim.url}/scim/Users", headers=SCIM, timeout=10).status_code == 200
        # /api/v2 belongs to no served service: jcmock's own 404, not JumpCloud's answer
        assert requests.get(f"{only_scim.url}/api/v2/iplists", headers=JUMPCLOUD, timeout=10).status_code == 404


def test_a_db_written_before_namespaces_loads_as_jumpclouds(tmp_path):
    """Issue 9, point 4: today's db files keep working; their org ids become JumpCloud's tenants."""
    org = "5e1f2a3b4c5d6e7f80910a1b"
    iplist = {"id": "5c7d8e9f0a1b2c3d4e5f6071", "name": "From the old db", "ips": ["192.0.2.1"]}
    old = {org: {"organizations": {org: {"id": org, "name": "Old"}}, "iplists": {iplist["id"]: iplist}}}
    (tmp_path / "db.json").write_text(json.dumps(old))
    with LiveServer(tmp_path) as server:
        answer = requests.get(f"{server.url}/api/v2/iplists/{iplist['id']}", headers=JUMPCLOUD, timeout=10)
        assert answer.status_code == 200 and answer.json()["name"] == "From the old db"
        assert f"jumpcloud:{org}" in requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()
