"""Small answers as JumpCloud gives them: standard reason phrases, Syncro mapping reads, the default
authentication-policy type, and what `jcmock record` says it does."""
import shutil
import socket

import pytest

from helpers import REPO, LiveServer

SYNCRO_ORG = {"id": "5e1f2a3b4c5d6e7f80910a1d", "name": "Example MSP Client C"}
BILLING = {"fields": {"schedule_id": {"kind": "numberValue", "numberValue": 7},
                      "schedule_name": {"kind": "stringValue", "stringValue": "Monthly"}}}


# --- reason phrases ------------------------------------------------------------------------


@pytest.mark.parametrize("method, path, kwargs, status, reason", [
    ("GET", "/api/v2/iplists", {}, 200, "OK"),
    ("GET", "/api/v2/iplists", {"headers": {"x-api-key": None}}, 401, "Unauthorized"),
    ("GET", "/api/v2/iplists/000000000000000000000000", {}, 404, "Not Found"),
    ("DELETE", "/api/v2/iplists", {}, 405, "Method Not Allowed"),
    ("PATCH", "/api/v2/iplists/5c7d8e9f0a1b2c3d4e5f6071", {"data": "x", "headers": {"Content-Type": "text/plain"}},
     415, "Unsupported Media Type"),
    ("POST", "/api/v2/authn/policies", {"json": {"type": "nope"}}, 400, "Bad Request"),
    ("POST", "/api/v2/authn/policies", {"json": {"name": "p"}}, 201, "Created"),
    ("DELETE", "/__jcmock__/requests", {}, 204, "No Content"),
], ids=["200", "401", "404", "405", "415", "400", "201", "204"])
def test_reason_phrases_are_the_standard_ones(server, method, path, kwargs, status, reason):
    """RFC 9110 §15 reason phrases (Python's http.HTTPStatus), not werkzeug's upper case ("401 UNAUTHORIZED")."""
    response = server.session.request(method, f"{server.url}{path}", timeout=10, **kwargs)
    assert (response.status_code, response.reason) == (status, reason)


def test_reason_phrase_of_an_error_the_http_server_answers_itself(server):
    """The same phrases on errors the HTTP server answers before the app sees the request (bad framing)."""
    host, port = server.url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /api/v2/iplists HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
        status_line = sock.recv(65536).split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 400 Bad Request"


# --- Syncro mapping reads --------------------------------------------------------------------


def test_syncro_mapping_get_omits_billing_configurations(server, manifest):
    """Reference §3 Integrations (Syncro mapping GET records are {organization, company}) and §4
    ("GET mapping records omit billingConfigurations"): a PATCH takes them, a GET does not show them."""
    path = f"/integrations/syncro/{manifest['syncro'][0]}/mappings"
    company = {"id": "77", "name": "Client C GmbH"}
    item = {"organization": SYNCRO_ORG, "company": company, "billingConfigurations": BILLING}
    assert server.request("PATCH", path, json={"data": [item]}).status_code == 204
    records = server.request("GET", path, params={"limit": 100}).json()["records"]
    mapped = [r for r in records if r["organization"]["id"] == SYNCRO_ORG["id"]]
    assert mapped == [{"organization": SYNCRO_ORG, "company": company}]
    assert all("billingConfigurations" not in r for r in records)


# --- authentication policy type -----------------------------------------------------------


def test_authn_policy_created_without_type_is_user_portal(server):
    """Reference §3 AuthnPolicy: "type: user_portal | application | ldap (| admin_portal); default user_portal"."""
    created = server.request("POST", "/authn/policies", json={"name": "p"})
    assert created.status_code == 201 and created.json()["type"] == "user_portal"
    assert server.request("GET", f"/authn/policies/{created.json()['id']}").json()["type"] == "user_portal"


def test_authn_policy_type_sent_or_kept_is_not_overridden_by_the_default(server):
    """The default applies to a create without type only: a sent type stays, and a PATCH without type keeps it."""
    created = server.request("POST", "/authn/policies", json={"name": "ldap p", "type": "ldap"}).json()
    assert created["type"] == "ldap"
    patched = server.request("PATCH", f"/authn/policies/{created['id']}", json={"name": "renamed"}).json()
    assert patched["type"] == "ldap"


# --- what `jcmock record` says ------------------------------------------------------------


def record_banner(tmp_path, cassette, *args):
    recorder = LiveServer(tmp_path, "--cassette", str(cassette), "--upstream", "http://127.0.0.1:9", *args,
                          command="record")
    recorder.stop()
    return "".join(recorder.lines)


def test_record_once_on_an_existing_cassette_says_it_replays(tmp_path):
    """README, Record and replay: `--mode once` records only while the cassette does not exist, and
    otherwise replays; the start-up line says which."""
    cassette = tmp_path / "existing.yaml"
    shutil.copy(REPO / "cassettes" / "jumpcloud" / "authn_iplists.yaml", cassette)
    banner = record_banner(tmp_path, cassette, "--mode", "once")
    assert banner.startswith(f"jcmock: replaying {cassette} without recording")
    assert "without recording (mode once: the cassette exists;" in banner


def test_record_none_says_it_replays(tmp_path):
    """README, Record and replay: `none` only replays."""
    cassette = tmp_path / "existing.yaml"
    shutil.copy(REPO / "cassettes" / "jumpcloud" / "authn_iplists.yaml", cassette)
    assert "without recording (mode none: replay only;" in record_banner(tmp_path, cassette, "--mode", "none")


@pytest.mark.parametrize("mode", ["once", "new_episodes", "all"])
def test_record_modes_that_record_say_they_record(tmp_path, mode):
    """README, Record and replay: `once` on a new cassette, `new_episodes` and `all` record."""
    banner = record_banner(tmp_path, tmp_path / "new.yaml", "--mode", mode)
    assert banner.startswith("jcmock: recording jumpcloud=http://127.0.0.1:9 into") and f"(mode {mode}," in banner
    assert "jcmock: recording jumpcloud on http://" in banner
