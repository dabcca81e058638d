"""Every documented PATCH endpoint over HTTP: success with read-back, 400, 404 and 401."""
from collections.abc import Callable
from dataclasses import dataclass

import pytest

UNKNOWN_OBJECT_ID = "0123456789abcdef01234567"
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"


def first(kind):
    return lambda m: m[kind][0]


@dataclass
class PatchCase:
    name: str
    path: Callable            # manifest -> path under /api/v2
    body: object
    read_back: Callable       # (server, manifest) -> the stored object as a later GET shows it
    expect: dict              # fields the read-back must show
    bad_body: object
    bad_field: str            # the field a 400 must name
    unknown_path: Callable    # manifest -> a path with an unknown id
    status: int = 200


def get_json(server, path):
    response = server.request("GET", path)
    assert response.status_code == 200, response.text
    return response.json()


def item(path_of):
    return lambda server, m: get_json(server, path_of(m))


def enterprise(server, m):
    listed = get_json(server, "/google-emm/enterprises")["enterprises"]
    return next(e for e in listed if e["objectId"] == m["google_emm_enterprises"][0])


def mapping_of(vendor, org_id):
    def read(server, m):
        records = get_json(server, f"/integrations/{vendor}/{m[vendor][0]}/mappings?limit=100")["records"]
        return next(r for r in records if r["organization"]["id"] == org_id)
    return read


def push_path(m):
    return f"/users/{m['pushendpoints'][0]['user_id']}/pushendpoints/{m['pushendpoints'][0]['id']}"


NEW_ORG = "5e1f2a3b4c5d6e7f80910fff"
MAPPING = {"organization": {"id": NEW_ORG, "name": "New Client"}, "company": {"id": "777", "name": "New Co"}}

CASES = [
    PatchCase(
        "activedirectories", lambda m: f"/activedirectories/{m['activedirectories'][0]}",
        {"useCase": "TWOWAYSYNC", "domain": "DC=new;DC=example;DC=com"},
        item(lambda m: f"/activedirectories/{m['activedirectories'][0]}"),
        {"useCase": "TWOWAYSYNC", "domain": "DC=new;DC=example;DC=com"},
        {"useCase": "SOMETIMES"}, "useCase", lambda m: f"/activedirectories/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "authn_policies", lambda m: f"/authn/policies/{m['authn_policies'][0]}",
        {"disabled": True, "effect": {"action": "deny"}},
        item(lambda m: f"/authn/policies/{m['authn_policies'][0]}"),
        {"disabled": True, "effect": {"action": "deny"}},
        {"effect": {"obligations": {"mfa": {"required": True}}}}, "effect.action",
        lambda m: f"/authn/policies/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "gsuites", lambda m: f"/gsuites/{m['gsuites'][0]}",
        {"userLockoutAction": "maintain", "userPasswordExpirationAction": "remove_access"},
        item(lambda m: f"/gsuites/{m['gsuites'][0]}"),
        {"userLockoutAction": "maintain", "userPasswordExpirationAction": "remove_access"},
        {"groupsEnabled": "yes"}, "groupsEnabled", lambda m: f"/gsuites/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "google_emm_enterprises", lambda m: f"/google-emm/enterprises/{m['google_emm_enterprises'][0]}",
        {"allowDeviceEnrollment": False, "deviceGroupId": "NjUwMWEyYjNjNGQ1ZTZmNw=="},
        enterprise, {"allowDeviceEnrollment": False, "deviceGroupId": "NjUwMWEyYjNjNGQ1ZTZmNw=="},
        {"allowDeviceEnrollment": "false"}, "allowDeviceEnrollment",
        lambda m: f"/google-emm/enterprises/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "iplists", lambda m: f"/iplists/{m['iplists'][0]}",
        {"name": "New IP List Name", "ips": ["10.0.0.1", "10.0.1.0/24", "10.0.2.1 - 10.0.2.9"]},
        item(lambda m: f"/iplists/{m['iplists'][0]}"),
        {"name": "New IP List Name", "ips": ["10.0.0.1", "10.0.1.0/24", "10.0.2.1 - 10.0.2.9"]},
        {"ips": ["10.0.0.300"]}, "ips", lambda m: f"/iplists/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "ldapservers", lambda m: f"/ldapservers/{m['ldapservers'][0]}",
        {"userLockoutAction": "remove", "userPasswordExpirationAction": "disable"},
        item(lambda m: f"/ldapservers/{m['ldapservers'][0]}"),
        {"userLockoutAction": "remove", "userPasswordExpirationAction": "disable"},
        {"userLockoutAction": "suspend"}, "userLockoutAction", lambda m: f"/ldapservers/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "office365s", lambda m: f"/office365s/{m['office365s'][0]}",
        {"userLockoutAction": "suspend", "userPasswordExpirationAction": "maintain", "name": "Renamed"},
        item(lambda m: f"/office365s/{m['office365s'][0]}"),
        {"userLockoutAction": "suspend", "userPasswordExpirationAction": "maintain", "name": "Renamed"},
        {"userPasswordExpirationAction": "remove_access"}, "userPasswordExpirationAction",
        lambda m: f"/office365s/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "pushendpoints", push_path, {"state": "inactive", "name": "Old phone"},
        item(push_path), {"state": "inactive", "name": "Old phone"},
        {"state": "off"}, "state",
        lambda m: f"/users/{m['pushendpoints'][0]['user_id']}/pushendpoints/{UNKNOWN_OBJECT_ID}",
    ),
    PatchCase(
        "autotask", lambda m: f"/integrations/autotask/{m['autotask'][0]}",
        {"username": "new-api-user@example.com", "secret": "autotask-secret-value"},
        item(lambda m: f"/integrations/autotask/{m['autotask'][0]}"),
        {"username": "new-api-user@example.com"},
        {"username": 5}, "username", lambda m: f"/integrations/autotask/{UNKNOWN_UUID}",
    ),
    PatchCase(
        "connectwise", lambda m: f"/integrations/connectwise/{m['connectwise'][0]}",
        {"url": "https://api-eu.myconnectwise.net", "publicKey": "pub-value", "privateKey": "priv-value"},
        item(lambda m: f"/integrations/connectwise/{m['connectwise'][0]}"),
        {"url": "https://api-eu.myconnectwise.net"},
        {"companyId": ["a"]}, "companyId", lambda m: f"/integrations/connectwise/{UNKNOWN_UUID}",
    ),
    PatchCase(
        "syncro", lambda m: f"/integrations/syncro/{m['syncro'][0]}",
        {"subdomain": "newsub", "apiToken": "syncro-token-value"},
        item(lambda m: f"/integrations/syncro/{m['syncro'][0]}"),
        {"subdomain": "newsub"},
        {"subdomain": False}, "subdomain", lambda m: f"/integrations/syncro/{UNKNOWN_UUID}",
    ),
    *[
        PatchCase(
            f"{vendor}_settings", (lambda v: lambda m: f"/integrations/{v}/{m[v][0]}/settings")(vendor),
            body, item((lambda v: lambda m: f"/integrations/{v}/{m[v][0]}/settings")(vendor)), body,
            bad, bad_field, (lambda v: lambda m: f"/integrations/{v}/{UNKNOWN_UUID}/settings")(vendor),
        )
        for vendor, body, bad, bad_field in (
            ("autotask", {"automaticTicketing": False, "companyTypeIds": [2, 4]}, {"companyTypeIds": ["1"]},
             "companyTypeIds"),
            ("connectwise", {"automaticTicketing": True, "companyTypeIds": [7]}, {"companyTypeIds": [True]},
             "companyTypeIds"),
            ("syncro", {"automaticTicketing": False}, {"automaticTicketing": "no"}, "automaticTicketing"),
        )
    ],
    *[
        PatchCase(
            f"{vendor}_mappings", (lambda v: lambda m: f"/integrations/{v}/{m[v][0]}/mappings")(vendor),
            {"data": [MAPPING]}, mapping_of(vendor, NEW_ORG), MAPPING,
            {"data": [{"organization": {"id": NEW_ORG, "name": "New Client"}}]}, "data[0].company",
            (lambda v: lambda m: f"/integrations/{v}/{UNKNOWN_UUID}/mappings")(vendor), status=204,
        )
        for vendor in ("autotask", "connectwise", "syncro")
    ],
]
IDS = [case.name for case in CASES]


def contains(actual, expected):
    return all(actual.get(k) == v if not isinstance(v, dict) else contains(actual.get(k, {}), v)
               for k, v in expected.items())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_succeeds_and_reads_back(server, manifest, case):
    response = server.request("PATCH", case.path(manifest), json=case.body)
    assert response.status_code == case.status, response.text
    if case.status == 200:
        assert contains(response.json(), case.expect), response.json()
    else:
        assert response.content == b""
    assert contains(case.read_back(server, manifest), case.expect)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_with_invalid_body_is_400_naming_the_field(server, manifest, case):
    before = case.read_back(server, manifest) if case.status == 200 else None
    response = server.request("PATCH", case.path(manifest), json=case.bad_body)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["code"] == 400 and error["status"] == "Bad Request"
    assert case.bad_field in error["message"]
    assert any(d["field"].startswith(case.bad_field) for d in error["details"])
    if before is not None:
        assert case.read_back(server, manifest) == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_unknown_id_is_404(server, manifest, case):
    response = server.request("PATCH", case.unknown_path(manifest), json=case.body)
    assert response.status_code == 404, response.text
    assert response.json()["code"] == 404


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_without_api_key_is_401(server, manifest, case):
    response = server.request("PATCH", case.path(manifest), json=case.body, headers={"x-api-key": None})
    assert response.status_code == 401
    assert response.json() == {"code": 401, "message": "Unauthorized: missing x-api-key header",
                               "status": "Unauthorized"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_with_malformed_json_is_400_saying_where(server, manifest, case):
    response = server.request("PATCH", case.path(manifest), data=b'{"name": "x",}',
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]
    assert "line 1 column 14" in response.json()["message"]


def test_patch_bulk_users_answers_a_job_and_updates_each_user(server, manifest):
    first_user, second_user = manifest["users"][:2]
    response = server.request("PATCH", "/bulk/users", json=[
        {"id": first_user, "firstname": "Updated", "department": "R&D",
         "attributes": [{"name": "Custom", "value": "x"}]},
        {"id": second_user, "costCenter": "CC-9",
         "phoneNumbers": [{"type": "home", "number": "555-0100"}]},
    ])
    # JumpCloud's spec says 201; the live API answers 200 and jcmock follows it.
    assert response.status_code == 200, response.text
    job_id = response.json()["jobId"]
    results = get_json(server, f"/bulk/users/{job_id}/results")
    assert [r["status"] for r in results] == ["finished", "finished"]
    user = server.session.get(f"{server.url}/api/systemusers/{first_user}").json()
    assert (user["firstname"], user["department"]) == ("Updated", "R&D")
    assert user["attributes"] == [{"name": "Custom", "value": "x"}]
    assert server.session.get(f"{server.url}/api/systemusers/{second_user}").json()["costCenter"] == "CC-9"


def test_bulk_update_of_unknown_user_is_a_failed_result_not_a_failed_job(server, manifest):
    response = server.request("PATCH", "/bulk/users", json=[
        {"id": UNKNOWN_OBJECT_ID, "firstname": "Ghost"}, {"id": manifest["users"][0], "firstname": "Real"},
    ])
    assert response.status_code == 200
    results = get_json(server, f"/bulk/users/{response.json()['jobId']}/results")
    assert [r["status"] for r in results] == ["failed", "finished"]
    assert UNKNOWN_OBJECT_ID in results[0]["statusMsg"]


def test_bulk_update_with_invalid_item_is_400_and_changes_nobody(server, manifest):
    user_id = manifest["users"][0]
    before = server.session.get(f"{server.url}/api/systemusers/{user_id}").json()
    response = server.request("PATCH", "/bulk/users", json=[
        {"id": user_id, "firstname": "Fine"}, {"id": user_id, "firstname": 5},
    ])
    assert response.status_code == 400
    assert "[1].firstname" in response.json()["message"]
    assert server.session.get(f"{server.url}/api/systemusers/{user_id}").json() == before


def test_bulk_users_without_api_key_is_401(server, manifest):
    response = server.request("PATCH", "/bulk/users", json=[{"id": manifest["users"][0]}],
                              headers={"x-api-key": None})
    assert response.status_code == 401


def test_unknown_bulk_job_results_are_404(server):
    assert server.request("GET", f"/bulk/users/{UNKNOWN_OBJECT_ID}/results").status_code == 404
