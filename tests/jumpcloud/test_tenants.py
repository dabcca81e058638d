"""Organizations (x-org-id) as JumpCloud answers them: known ones only, added through the admin API,
and integration/provider routes that belong to the MSP provider and refuse an org id."""
import pytest
import requests

import jcmock
from helpers import API_KEY, LiveServer
from jcmock.core.errors import NotFound
from jcmock.recording.cassette import Cassette, Interaction, Request, Response

ORG_B = "5e1f2a3b4c5d6e7f80910a1c"       # the second organization of fixtures/organizations.json
UNKNOWN_ORG = "0123456789abcdef01234567"
NEW_ORG = "65f0c0ffee0000000000c0de"
IPLIST = "5c7d8e9f0a1b2c3d4e5f6071"
GSUITE = "5f9e1a2b3c4d5e6f70819203"
NOT_FOUND = {"code": 404, "message": "Organization ID Not Found", "status": "Not Found"}
BASE = "https://console.jumpcloud.com/api/v2"
KEY = {"x-api-key": API_KEY}


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of this module's own: organizations added here must not outlive it into other tests."""
    server = LiveServer(tmp_path_factory.mktemp("tenants"))
    yield server
    server.stop()


@pytest.fixture
def tenants(own_server):
    own_server.reset()
    return own_server


def add_org(server, **body):
    return requests.post(f"{server.url}/__jcmock__/organizations", json=body, timeout=10)


def org_ids(server):
    return [o["id"] for o in requests.get(f"{server.url}/__jcmock__/organizations", timeout=10).json()]


# --- an unknown organization is a 404 -----------------------------------------------


@pytest.mark.parametrize("method, path, body", [
    ("GET", f"/iplists/{IPLIST}", None),
    ("PATCH", f"/iplists/{IPLIST}", {"name": "typo"}),
    ("PATCH", "/bulk/users", [{"id": "5be9fb4ddb01290001e85109", "department": "x"}]),
], ids=["get", "patch", "bulk"])
def test_unknown_org_id_is_404_organization_id_not_found(server, method, path, body):
    """jcapiv1 docs, Multi-Tenant Portal Headers: "404 Organization ID Not Found" (reference §1, x-org-id errors)."""
    response = server.request(method, path, json=body, headers={"x-org-id": UNKNOWN_ORG})
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert UNKNOWN_ORG not in requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()


def test_unknown_org_id_is_404_on_v1_routes_too(server):
    """jcapiv1 docs: the multi-tenant header rules hold for the v1 API (/api/systemusers)."""
    response = server.session.get(f"{server.url}/api/systemusers", headers={"x-org-id": UNKNOWN_ORG.upper()},
                                  timeout=10)
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_fixture_organizations_are_known(server):
    """fixtures/organizations.json: every organization listed there answers."""
    assert server.request("GET", f"/iplists/{IPLIST}", headers={"x-org-id": ORG_B}).status_code == 200
    assert org_ids(server) == server.manifest()["organizations"]


# --- adding organizations through the admin API --------------------------------------


def test_admin_adds_an_organization_with_its_own_copy_of_the_fixtures(tenants):
    """README, Admin API: POST /__jcmock__/organizations answers 201 with the organization, which then
    answers x-org-id with the fixtures' objects, apart from every other organization."""
    added = add_org(tenants, id=NEW_ORG.upper(), name="Client D")
    assert (added.status_code, added.json()) == (201, {"id": NEW_ORG, "name": "Client D"})
    path = f"{tenants.api}/iplists/{IPLIST}"
    patched = requests.patch(path, json={"name": "D only"}, headers={**KEY, "x-org-id": NEW_ORG}, timeout=10)
    assert patched.status_code == 200
    assert requests.get(path, headers=KEY, timeout=10).json()["name"] != "D only"
    assert org_ids(tenants)[-1] == NEW_ORG


def test_admin_add_without_an_id_generates_one(tenants):
    """README, Admin API: the id is optional."""
    added = add_org(tenants, name="Client E")
    assert added.status_code == 201
    org_id = added.json()["id"]
    assert len(org_id) == 24 and org_id in org_ids(tenants)
    assert requests.get(f"{tenants.api}/iplists", headers={**KEY, "x-org-id": org_id}, timeout=10).status_code == 200


@pytest.mark.parametrize("org_id", [ORG_B, NEW_ORG])
def test_admin_add_of_an_existing_organization_is_409(tenants, org_id):
    """README, Admin API: an organization that exists (from the fixtures, or added before) is a 409."""
    add_org(tenants, id=NEW_ORG, name="Client D")
    response = add_org(tenants, id=org_id, name="again")
    assert response.status_code == 409 and org_id in response.json()["message"]


@pytest.mark.parametrize("body, named", [
    ({"id": NEW_ORG[:-1], "name": "short"}, "24 hexadecimal"),
    ({"id": "z" * 24, "name": "not hex"}, "24 hexadecimal"),
    ({"id": 5, "name": "number"}, "id"),
    ({"id": NEW_ORG}, "name"),
    ({"id": NEW_ORG, "name": ""}, "name"),
    ({"id": NEW_ORG, "name": "x", "color": "red"}, "color"),
    (["not", "an", "object"], "JSON object"),
], ids=["23-hex", "not-hex", "number", "no-name", "empty-name", "unknown-field", "array"])
def test_admin_add_with_a_bad_body_is_400_and_adds_nothing(tenants, body, named):
    """README, Admin API: a bad id or body is a 400 naming what is wrong."""
    before = org_ids(tenants)
    response = requests.post(f"{tenants.url}/__jcmock__/organizations", json=body, timeout=10)
    assert response.status_code == 400
    assert named in response.json()["message"]
    assert org_ids(tenants) == before


def test_added_organization_outlives_reset_with_the_fixtures_again(tenants):
    """README, Admin API: reset brings every organization back to the fixtures; added ones stay."""
    add_org(tenants, id=NEW_ORG, name="Client D")
    path = f"{tenants.api}/iplists/{IPLIST}"
    requests.patch(path, json={"name": "D only"}, headers={**KEY, "x-org-id": NEW_ORG}, timeout=10)
    reset = requests.post(f"{tenants.url}/__jcmock__/reset", timeout=10).json()
    assert NEW_ORG in reset["organizations"]
    assert {"id": NEW_ORG, "name": "Client D"} in requests.get(f"{tenants.url}/__jcmock__/organizations",
                                                               timeout=10).json()
    again = requests.get(path, headers={**KEY, "x-org-id": NEW_ORG}, timeout=10)
    assert again.status_code == 200 and again.json()["name"] != "D only"


def test_added_organization_outlives_a_restart_on_the_same_db(tmp_path):
    """README, State and durability: the db keeps added organizations like any state."""
    first = LiveServer(tmp_path)
    try:
        assert add_org(first, id=NEW_ORG, name="Client D").status_code == 201
    finally:
        first.stop()
    second = LiveServer(tmp_path)
    try:
        assert {"id": NEW_ORG, "name": "Client D"} in requests.get(f"{second.url}/__jcmock__/organizations",
                                                                   timeout=10).json()
        response = requests.get(f"{second.api}/iplists/{IPLIST}", headers={**KEY, "x-org-id": NEW_ORG}, timeout=10)
        assert response.status_code == 200
    finally:
        second.stop()


# --- integrations and providers belong to the MSP provider ---------------------------


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/integrations/autotask/{autotask}", None),
    ("PATCH", "/integrations/syncro/{syncro}/settings", {"automaticTicketing": False}),
    ("GET", "/integrations/connectwise/{connectwise}/mappings", None),
    ("GET", "/providers/{provider}/integrations", None),
], ids=["config", "settings-patch", "mappings", "provider-integrations"])
@pytest.mark.parametrize("org_id", [ORG_B, UNKNOWN_ORG, "not-an-org"])
def test_integration_and_provider_routes_answer_403_to_an_x_org_id(server, manifest, method, path, body, org_id):
    """jcapiv1 docs, Multi-Tenant Portal Headers: "403 ID included on unsupported route"; the reference
    (§1, §3 Integrations) says /integrations/* and /providers/* declare no x-org-id, and declare 403."""
    ids = {kind: manifest[kind][0] for kind in ("autotask", "syncro", "connectwise")}
    ids["provider"] = manifest["providers"][0]
    before = requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()
    response = server.request(method, path.format(**ids), json=body, headers={"x-org-id": org_id})
    assert response.status_code == 403
    assert response.json()["status"] == "Forbidden" and "x-org-id" in response.json()["message"]
    assert requests.get(f"{server.url}/__jcmock__/state", timeout=10).json() == before


def test_integration_state_is_one_for_the_provider(server, manifest):
    """Issue 8: integration state is not split by x-org-id. A settings change made without the header is
    what every later read sees, and no org id can reach another copy."""
    path = f"/integrations/autotask/{manifest['autotask'][0]}/settings"
    changed = server.request("PATCH", path, json={"companyTypeIds": [7]})
    assert changed.status_code == 200
    assert server.request("GET", path).json()["companyTypeIds"] == [7]
    assert server.request("GET", path, headers={"x-org-id": ORG_B}).status_code == 403


def test_openapi_document_declares_no_x_org_id_on_provider_routes(server):
    """jcmock's own OpenAPI document says what it serves: x-org-id on organization routes only, and the
    403 on integration and provider routes (reference §1: not declared on /integrations/*, /providers/*)."""
    paths = server.session.get(f"{server.url}/api/v2/openapi.json", timeout=10).json()["paths"]

    def takes_org(operation):
        return any(p["name"] == "x-org-id" for p in operation["parameters"])

    for path, operations in paths.items():
        provider = path.startswith(("/api/v2/integrations/", "/api/v2/providers/"))
        for operation in operations.values():
            assert takes_org(operation) is not provider, path
            assert ("403" in operation["responses"]) is provider, path


# --- in process and in replay ---------------------------------------------------------


def test_in_process_unknown_org_is_404_until_added():
    """The in-process mock answers as the server does; ``add_organization`` is the admin call's twin."""
    with jcmock.mock_jumpcloud() as jc:
        headers = {**KEY, "x-org-id": NEW_ORG}
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=headers).json() == NOT_FOUND
        with pytest.raises(NotFound, match="Organization ID Not Found"):
            jc.store.get("iplists", IPLIST, org=NEW_ORG)
        assert jc.add_organization("Client D", NEW_ORG) == {"id": NEW_ORG, "name": "Client D"}
        jc.store.put("iplists", {"id": IPLIST, "name": "seeded in D", "ips": []}, org=NEW_ORG)
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=headers).json()["name"] == "seeded in D"


def test_in_process_store_lookup_of_an_unknown_org_is_a_lookup_error():
    """Python callers can catch it as LookupError, as a missing key."""
    with jcmock.mock_jumpcloud() as jc:
        with pytest.raises(LookupError):
            jc.store.all("iplists", org=UNKNOWN_ORG)


def test_replay_fallback_knows_the_organizations_its_cassettes_name(tmp_path):
    """README, Record and replay: --fallback mock seeds the mock from the cassettes, organizations included:
    a recording made in an organization the fixtures do not list goes on in the mock."""
    path = tmp_path / "other_org.yaml"
    cassette = Cassette(path)
    recorded = b'{"id": "%s", "name": "Recorded", "userLockoutAction": "suspend"}' % GSUITE.encode()
    cassette.append(Interaction(Request("GET", f"{BASE}/gsuites/{GSUITE}", None, {"x-org-id": [NEW_ORG]}),
                                Response(200, "OK", {"Content-Type": ["application/json"]}, recorded)))
    cassette.save()
    with jcmock.use_cassette(path, fallback="mock"):
        headers = {**KEY, "x-org-id": NEW_ORG}
        patched = requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"}, headers=headers)
        assert patched.status_code == 200
        assert patched.json()["name"] == "Recorded"
