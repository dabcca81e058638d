"""How the mock behaves beyond single PATCHes: read-only fields, defaults, companions, tenants, errors."""
import re
import time

import pytest
import requests

from helpers import API_KEY, LiveServer

OTHER_ORG = "5e1f2a3b4c5d6e7f80910a1c"


def test_patch_changes_only_the_fields_it_sends(server, manifest):
    path = f"/gsuites/{manifest['gsuites'][0]}"
    before = server.request("GET", path).json()
    after = server.request("PATCH", path, json={"userLockoutAction": "maintain"}).json()
    assert after == {**before, "userLockoutAction": "maintain"}


def test_patch_ignores_read_only_id(server, manifest):
    path = f"/activedirectories/{manifest['activedirectories'][0]}"
    before = server.request("GET", path).json()
    response = server.request("PATCH", path, json={"id": "ffffffffffffffffffffffff", "primaryAgent": "x" * 24})
    assert response.status_code == 200
    assert response.json()["id"] == before["id"]
    assert server.request("GET", path).json() == before


def test_patch_gsuite_empty_default_domain_unsets_it(server, manifest):
    path = f"/gsuites/{manifest['gsuites'][0]}"
    assert "defaultDomain" in server.request("GET", path).json()
    assert "defaultDomain" not in server.request("PATCH", path, json={"defaultDomain": {}}).json()
    assert "defaultDomain" not in server.request("GET", path).json()


def test_patch_office365_sets_default_domain_by_id(server, manifest):
    path = f"/office365s/{manifest['office365s'][0]}"
    domain_id = "60a1b2c3d4e5f60718293fff"
    assert server.request("PATCH", path, json={"defaultDomain": {"id": domain_id}}).status_code == 200
    assert server.request("GET", path).json()["defaultDomain"] == {"id": domain_id}


def test_integration_secrets_are_stored_but_never_returned(server, manifest):
    uuid = manifest["connectwise"][0]
    response = server.request("PATCH", f"/integrations/connectwise/{uuid}", json={"privateKey": "pk-123"})
    assert "privateKey" not in response.json() and "publicKey" not in response.json()
    assert "pk-123" not in server.request("GET", f"/integrations/connectwise/{uuid}").text
    state = requests.get(f"{server.url}/__jcmock__/state", timeout=10).text
    assert "pk-123" in state


def test_mapping_delete_removes_that_organizations_mapping(server, manifest):
    uuid = manifest["autotask"][0]
    mappings = server.request("GET", f"/integrations/autotask/{uuid}/mappings").json()
    org_id = mappings["records"][0]["organization"]["id"]
    response = server.request("PATCH", f"/integrations/autotask/{uuid}/mappings",
                              json={"data": [{"delete": True, "organization": {"id": org_id}}]})
    assert response.status_code == 204
    after = server.request("GET", f"/integrations/autotask/{uuid}/mappings").json()
    assert after["totalCount"] == mappings["totalCount"] - 1
    assert org_id not in [r["organization"]["id"] for r in after["records"]]


def test_mapping_patch_upserts_by_organization(server, manifest):
    uuid = manifest["syncro"][0]
    records = server.request("GET", f"/integrations/syncro/{uuid}/mappings").json()["records"]
    existing = records[0]
    changed = {**existing, "company": {"id": "42", "name": "Renamed Co"}}
    assert server.request("PATCH", f"/integrations/syncro/{uuid}/mappings", json={"data": [changed]}).status_code == 204
    after = server.request("GET", f"/integrations/syncro/{uuid}/mappings").json()
    assert after["totalCount"] == len(records)
    assert changed in after["records"]


def test_settings_patch_is_partial(server, manifest):
    path = f"/integrations/autotask/{manifest['autotask'][0]}/settings"
    before = server.request("GET", path).json()
    after = server.request("PATCH", path, json={"automaticTicketing": not before["automaticTicketing"]}).json()
    assert after == {**before, "automaticTicketing": not before["automaticTicketing"]}


def test_org_isolation_patch_in_one_org_is_invisible_in_another(server, manifest):
    path = f"/ldapservers/{manifest['ldapservers'][0]}"
    other = {"x-org-id": OTHER_ORG}
    before_other = server.request("GET", path, headers=other).json()
    server.request("PATCH", path, json={"userLockoutAction": "remove" if before_other["userLockoutAction"] ==
                                        "disable" else "disable"})
    assert server.request("GET", path, headers=other).json() == before_other
    assert server.request("GET", path).json() != before_other


def test_malformed_org_id_is_400(server, manifest):
    response = server.request("GET", f"/gsuites/{manifest['gsuites'][0]}", headers={"x-org-id": "not-an-org"})
    assert response.status_code == 400
    assert "x-org-id" in response.json()["message"]


def test_wrong_method_is_405_with_allow(server, manifest):
    response = server.request("POST", f"/gsuites/{manifest['gsuites'][0]}", json={})
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "PATCH"}
    assert response.json()["code"] == 405


def test_unknown_route_is_404_json(server):
    response = server.request("GET", "/no/such/thing")
    assert response.status_code == 404
    assert response.json()["status"] == "Not Found"


def test_non_json_content_type_is_415(server, manifest):
    response = server.request("PATCH", f"/iplists/{manifest['iplists'][0]}", data="name=x",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert "application/json" in response.json()["message"]


def test_body_over_one_mebibyte_is_413(server, manifest):
    response = server.request("PATCH", f"/iplists/{manifest['iplists'][0]}",
                              data=b'{"name": "' + b"x" * (1024 * 1024) + b'"}',
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["code"] == 413


def test_list_paginates_with_limit_and_skip(server):
    everything = server.request("GET", "/iplists?limit=100").json()
    assert server.request("GET", "/iplists?limit=1&skip=1").json() == everything[1:2]


def test_list_limit_above_100_is_400(server):
    response = server.request("GET", "/authn/policies?limit=101")
    assert response.status_code == 400
    assert "limit" in response.json()["message"]


def test_list_filter_sort_and_fields(server):
    listed = server.request("GET", "/activedirectories?sort=-domain&fields=domain").json()
    assert [d["domain"] for d in listed] == sorted((d["domain"] for d in listed), reverse=True)
    assert all(set(d) == {"id", "domain"} for d in listed)
    one = listed[0]
    assert server.request("GET", f"/activedirectories?filter=domain:eq:{one['domain']}").json()[0]["id"] == one["id"]


def test_created_iplist_reads_back_and_deletes(server):
    created = server.request("POST", "/iplists", json={"name": "CI runners", "ips": ["198.51.100.7"]})
    assert created.status_code == 201
    path = f"/iplists/{created.json()['id']}"
    assert server.request("GET", path).json()["name"] == "CI runners"
    assert server.request("DELETE", path).json()["name"] == "CI runners"
    assert server.request("GET", path).status_code == 404


def test_provider_integrations_list_and_one_per_vendor(server, manifest):
    provider = manifest["providers"][0]
    listed = server.request("GET", f"/providers/{provider}/integrations").json()
    assert {r["type"] for r in listed["records"]} == {"autotask", "connectwise", "syncro"}
    again = server.request("POST", f"/providers/{provider}/integrations/syncro",
                           json={"apiToken": "t", "subdomain": "s"})
    assert again.status_code == 409


def test_directories_lists_every_directory_kind(server, manifest):
    listed = server.request("GET", "/directories?limit=100").json()
    assert {d["type"] for d in listed} == {"active_directory", "g_suite", "ldap_server", "office_365"}


def test_admin_state_and_reset(server, manifest):
    path = f"/iplists/{manifest['iplists'][0]}"
    server.request("PATCH", path, json={"name": "changed"})
    requests.post(f"{server.url}/__jcmock__/reset", timeout=10)
    assert server.request("GET", path).json()["name"] != "changed"
    assert requests.get(f"{server.url}/__jcmock__/health", timeout=10).json()["status"] == "ok"


def test_fixtures_manifest_has_the_documented_keys(manifest):
    assert set(manifest) == {
        "activedirectories", "authn_policies", "gsuites", "google_emm_enterprises", "iplists", "ldapservers",
        "office365s", "autotask", "connectwise", "syncro", "providers", "users", "pushendpoints", "organizations",
    }
    assert all(len(ids) >= 2 for ids in manifest.values())
    assert set(manifest["pushendpoints"][0]) == {"user_id", "id"}


def test_api_key_option_accepts_only_those_keys(tmp_path):
    server = LiveServer(tmp_path, "--api-key", "only-this-key")
    try:
        ok = requests.get(f"{server.api}/iplists", headers={"x-api-key": "only-this-key"}, timeout=10)
        wrong = requests.get(f"{server.api}/iplists", headers={"x-api-key": API_KEY}, timeout=10)
        assert ok.status_code == 200
        assert wrong.status_code == 401
    finally:
        server.stop()


def test_state_survives_a_restart_on_the_same_db(tmp_path):
    server = LiveServer(tmp_path)
    manifest = server.manifest()
    path = f"/iplists/{manifest['iplists'][0]}"
    try:
        assert server.request("PATCH", path, json={"name": "kept"}).status_code == 200
    finally:
        server.stop()
    server = LiveServer(tmp_path)
    try:
        assert server.request("GET", path).json()["name"] == "kept"
    finally:
        server.stop()


def test_access_log_has_one_line_per_request_without_the_key(server, manifest):
    missing = [f"{n:024x}" for n in range(0xabc000, 0xabc003)]  # ids no other test asks for
    server.request("GET", f"/iplists/{manifest['iplists'][0]}")
    for obj_id in missing:
        assert server.request("GET", f"/iplists/{obj_id}?limit=1").status_code == 404
    lines = [f"GET /api/v2/iplists/{manifest['iplists'][0]} 200", *(f"GET /api/v2/iplists/{i} 404" for i in missing)]
    # The server writes the lines of a turn of its loop together, just after the answers leave.
    deadline = time.monotonic() + 5
    while lines[-1] not in server.stderr() and time.monotonic() < deadline:
        time.sleep(0.01)
    log = server.stderr()
    assert all(line in log for line in lines)
    assert [log.count(f"GET /api/v2/iplists/{i} ") for i in missing] == [1, 1, 1]
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} jcmock\.access GET /api/v2/iplists/\w+ 404 "
                     r"\d+\.\dms$", log, re.M)
    assert API_KEY not in log and "limit=1" not in log


def test_bulk_password_is_stored_but_never_returned(server, manifest):
    user_id = manifest["users"][1]
    job = server.request("PATCH", "/bulk/users", json=[{"id": user_id, "password": "Hunter2!secret"}]).json()
    results = server.request("GET", f"/bulk/users/{job['jobId']}/results")
    assert results.json()[0]["status"] == "finished"
    assert "Hunter2!secret" not in results.text
    assert "Hunter2!secret" not in server.session.get(f"{server.url}/api/systemusers/{user_id}").text
    assert "Hunter2!secret" not in server.session.get(f"{server.url}/api/systemusers?limit=100").text


def test_bulk_state_suspended_keeps_suspended_flag_in_step(server, manifest):
    user_id = manifest["users"][2]
    server.request("PATCH", "/bulk/users", json=[{"id": user_id, "state": "SUSPENDED"}])
    user = server.session.get(f"{server.url}/api/systemusers/{user_id}").json()
    assert (user["state"], user["suspended"]) == ("SUSPENDED", True)


def test_no_content_answers_carry_no_content_type(server, manifest):
    uuid = manifest["syncro"][0]
    response = server.request("PATCH", f"/integrations/syncro/{uuid}/mappings", json={"data": [
        {"organization": {"id": "5e1f2a3b4c5d6e7f80910a1b", "name": "A"}, "company": {"id": "1", "name": "B"}}]})
    assert response.status_code == 204
    assert "Content-Type" not in response.headers


def test_busy_port_is_a_clear_error_not_a_traceback(server, tmp_path):
    import subprocess
    import sys
    port = server.url.rsplit(":", 1)[1]
    command = [sys.executable, "-m", "jcmock.cli", "serve", "--port", port, "--db", str(tmp_path / "db.json")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_org_id_is_400_not_the_default_org(server, manifest):
    response = server.request("GET", f"/gsuites/{manifest['gsuites'][0]}", headers={"x-org-id": ""})
    assert response.status_code == 400


def test_fault_rule_over_http_accepts_paths_without_the_api_prefix(server, manifest):
    requests.delete(f"{server.url}/__jcmock__/faults", timeout=10)
    added = requests.post(f"{server.url}/__jcmock__/faults",
                          json={"method": "GET", "path": "/iplists/{id}", "status": 503, "times": 1}, timeout=10)
    # Kept as given (relative to the service's prefix), not rewritten to /api/v2: the same rule
    # serves any service whose paths it names.
    assert added.status_code == 201 and added.json()["path"] == "/iplists/*"
    failed = server.request("GET", f"/iplists/{manifest['iplists'][0]}")
    assert failed.status_code == 503 and failed.headers["Retry-After"] == "1"
    assert server.request("GET", f"/iplists/{manifest['iplists'][0]}").status_code == 200


def test_dropped_connection_over_http_is_a_connection_error(server, manifest):
    with pytest.raises(requests.ConnectionError):
        server.request("GET", "/iplists", headers={"x-jcmock-fault": "drop"})
    assert server.request("GET", "/iplists").status_code == 200
