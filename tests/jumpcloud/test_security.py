"""Security defaults: loopback by default, secrets never in logs, journal or cassettes, admin token."""
import requests
import yaml

from helpers import LiveServer

KEY = "sk-live-2f9e77aa01"
SECRETS = {"secret": "at-secret-771c", "privateKey": "cw-priv-55e0", "apiToken": "sy-token-a1b2"}
ADMIN = "admin-token-3c3c"


def test_binds_loopback_by_default(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_binding_every_interface_warns(tmp_path):
    public = LiveServer(tmp_path, "--host", "0.0.0.0")
    try:
        assert "exposes the mock to the network" in public.stderr()
    finally:
        public.stop()


def test_api_key_and_secrets_never_reach_log_journal_or_cassette(tmp_path):
    (tmp_path / "up").mkdir()
    upstream = LiveServer(tmp_path / "up", "--api-key", KEY)
    cassette = tmp_path / "c.yaml"
    recorder = LiveServer(tmp_path, "--cassette", str(cassette), "--upstream", upstream.url, command="record")
    try:
        manifest = upstream.manifest()
        headers = {"x-api-key": KEY}
        for server in (upstream, recorder):
            for vendor, field in (("autotask", "secret"), ("connectwise", "privateKey"), ("syncro", "apiToken")):
                response = requests.patch(f"{server.api}/integrations/{vendor}/{manifest[vendor][0]}",
                                          json={field: SECRETS[field]}, headers=headers, timeout=10)
                assert response.status_code == 200
            requests.get(f"{server.api}/iplists?api_key={KEY}", headers=headers, timeout=10)
        journals = [requests.get(f"{s.url}/__jcmock__/requests", timeout=10).text for s in (upstream, recorder)]
        logs = [upstream.stderr(), recorder.stderr()]
    finally:
        recorder.stop()
        upstream.stop()
    assert "PATCH /api/v2/integrations/syncro" in logs[0]
    assert '"apiToken": "REDACTED"' in journals[0]
    assert yaml.safe_load(cassette.read_text())["interactions"]
    for text in (*logs, *journals, cassette.read_text()):
        for secret in (KEY, *SECRETS.values()):
            assert secret not in text


def test_admin_token_protects_the_admin_api_but_not_health(tmp_path):
    server = LiveServer(tmp_path, "--admin-token", ADMIN)
    try:
        assert requests.get(f"{server.url}/__jcmock__/health", timeout=10).status_code == 200
        denied = requests.get(f"{server.url}/__jcmock__/state", timeout=10)
        assert denied.status_code == 401 and "x-jcmock-admin-token" in denied.json()["message"]
        allowed = requests.get(f"{server.url}/__jcmock__/state", headers={"x-jcmock-admin-token": ADMIN}, timeout=10)
        assert allowed.status_code == 200
        assert requests.post(f"{server.url}/__jcmock__/reset", timeout=10).status_code == 401
    finally:
        server.stop()


def test_secrets_in_malformed_bodies_and_query_reach_no_cassette_journal_or_replay_log(tmp_path):
    (tmp_path / "up").mkdir()
    upstream = LiveServer(tmp_path / "up", "--api-key", KEY)
    cassette = tmp_path / "c.yaml"
    recorder = LiveServer(tmp_path, "--cassette", str(cassette), "--upstream", upstream.url, command="record")
    broken = b'{"apiToken": "broken-json-token-9f9f", }'
    try:
        uuid = upstream.manifest()["syncro"][0]
        headers = {"x-api-key": KEY, "Content-Type": "application/json"}
        assert requests.patch(f"{recorder.api}/integrations/syncro/{uuid}", data=broken, headers=headers,
                              timeout=10).status_code == 400
        requests.get(f"{recorder.api}/iplists?token=query-token-7e7e", headers=headers, timeout=10)
        journal = requests.get(f"{upstream.url}/__jcmock__/requests", timeout=10).text
    finally:
        recorder.stop()
        upstream.stop()
    replayer = LiveServer(tmp_path, str(cassette), command="replay")
    try:
        miss = requests.patch(f"{replayer.api}/integrations/syncro/other", data=broken,
                              headers={"x-api-key": "k", "Content-Type": "application/json"}, timeout=10)
        assert miss.status_code == 404
        replay_log = replayer.stderr()
    finally:
        replayer.stop()
    assert "apiToken" in cassette.read_text() and "REDACTED" in replay_log
    for text in (cassette.read_text(), journal, replay_log):
        assert "broken-json-token-9f9f" not in text
        assert "query-token-7e7e" not in text
