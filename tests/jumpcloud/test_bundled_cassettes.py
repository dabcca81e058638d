"""The example cassettes in cassettes/: they load, hold no secret, and replay what was recorded."""
import importlib.util
import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests

from helpers import REPO, LiveServer
from jcmock.recording.cassette import Cassette
from jcmock.recording.filters import REDACTED, fold, secret_names

CASSETTES = REPO / "cassettes" / "jumpcloud"
BUNDLED = ("authn_iplists.yaml", "bulk_users.yaml", "directories.yaml", "google_emm.yaml", "integrations.yaml",
           "pushendpoints.yaml")
SECRET_NAMES = secret_names()
GSUITE = "5f9e1a2b3c4d5e6f70819203"
LDAP_SERVER = "5a1b2c3d4e5f607182930a4b"
# An ObjectId or a UUID as a path segment.
ID_SEGMENT = re.compile(r"/(?:[0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f-]{27})(?=/|$)")


def _recording_script():
    spec = importlib.util.spec_from_file_location("record_examples", CASSETTES / "record_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def session_secrets():
    """The secret values the recording script sends (its API key and integration secrets)."""
    return _recording_script().SECRETS


def fixture_secrets():
    """The placeholder secrets stored in the integration fixtures, never to be answered."""
    values = []
    for vendor in ("autotask", "connectwise", "syncro"):
        for integration in json.loads((REPO / "fixtures" / "jumpcloud" / f"{vendor}.json").read_text()):
            values.extend(v for k, v in integration.items() if k in ("secret", "publicKey", "privateKey", "apiToken"))
    return values


def secret_fields(document):
    """``(key, value)`` of every key with a secret-like name, at any depth of a JSON document."""
    if isinstance(document, dict):
        for key, value in document.items():
            if fold(key) in SECRET_NAMES:
                yield key, value
            else:
                yield from secret_fields(value)
    elif isinstance(document, list):
        for item in document:
            yield from secret_fields(item)


def json_bodies(interaction):
    for body in (interaction.request.body, interaction.response.body):
        if body:
            yield json.loads(body)


def replay(server, interaction):
    """Send a recorded request again, as recorded, to a `jcmock replay` server."""
    recorded = interaction.request
    parts = urlsplit(recorded.uri)
    headers = {name: values[-1] for name, values in recorded.headers.items()
               if name.lower() not in ("x-api-key", "content-length")}
    return requests.request(recorded.method, server.url + parts.path + (f"?{parts.query}" if parts.query else ""),
                            data=recorded.body, headers={**headers, "x-api-key": "any-key"}, timeout=10)


def recorded_response(name, method, path, body):
    for interaction in Cassette.load(CASSETTES / name):
        request = interaction.request
        same_body = json.loads(request.body or "null") == body
        if (request.method, urlsplit(request.uri).path) == (method, path) and same_body:
            return interaction.response
    raise AssertionError(f"{name} has no {method} {path} with body {body}")


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_cassette_loads_and_holds_no_secret(name):
    cassette = Cassette.load(CASSETTES / name)
    assert len(cassette) > 0
    raw = cassette.path.read_bytes()
    for secret in (*session_secrets(), *fixture_secrets()):
        assert secret.encode() not in raw, f"{secret!r} in {name}"
    for interaction in cassette:
        keys = {n: v for n, v in interaction.request.headers.items() if n.lower() == "x-api-key"}
        assert list(keys.values()) == [[REDACTED]], interaction.request.uri
        for body in json_bodies(interaction):
            for key, value in secret_fields(body):
                assert value in (REDACTED, None), f"{key} in {interaction.request.method} {interaction.request.uri}"


def test_bundled_cassettes_cover_the_18_patch_endpoints_with_a_400_and_a_404():
    patched, statuses = set(), set()
    for name in BUNDLED:
        for interaction in Cassette.load(CASSETTES / name):
            statuses.add(interaction.response.status)
            if interaction.request.method == "PATCH" and interaction.response.status in (200, 204):
                patched.add(ID_SEGMENT.sub("/{id}", urlsplit(interaction.request.uri).path))
    assert len(patched) == 18, sorted(patched)
    assert {400, 404} <= statuses


@pytest.fixture(scope="module")
def replayers(tmp_path_factory):
    """One `jcmock replay` per bundled cassette, started side by side to keep the module quick."""
    with ThreadPoolExecutor(len(BUNDLED)) as pool:
        starting = {name: pool.submit(LiveServer, tmp_path_factory.mktemp("replay"), str(CASSETTES / name),
                                      command="replay")
                    for name in BUNDLED}
    servers, failures = {}, []
    for name, future in starting.items():
        try:
            servers[name] = future.result()
        except Exception as exc:
            failures.append(exc)
    try:
        if failures:
            raise failures[0]
        yield servers
    finally:
        for server in servers.values():
            server.stop()


@pytest.mark.parametrize("name", BUNDLED)
def test_every_recorded_interaction_replays_over_http(replayers, name):
    for index, interaction in enumerate(Cassette.load(CASSETTES / name)):
        answer = replay(replayers[name], interaction)
        assert (answer.status_code, answer.content) == (interaction.response.status, interaction.response.body), \
            f"interaction {index}: {interaction.request.method} {interaction.request.uri}"


@pytest.mark.jumpcloud_cassette("directories.yaml")
def test_recorded_gsuite_patch_is_answered_in_process():
    body = {"userLockoutAction": "maintain", "userPasswordExpirationAction": "suspend"}
    response = requests.patch(f"https://console.jumpcloud.com/api/v2/gsuites/{GSUITE}", json=body,
                              headers={"x-api-key": "any-key"})
    recorded = recorded_response("directories.yaml", "PATCH", f"/api/v2/gsuites/{GSUITE}", body)
    assert response.status_code == recorded.status == 200
    assert response.json() == json.loads(recorded.body)
    assert response.json()["userLockoutAction"] == "maintain"


def test_fallback_mock_goes_on_from_the_recorded_directory_session(tmp_path):
    cassette = Cassette.load(CASSETTES / "directories.yaml")
    # strict: once the recorded GETs are played, a GET reads the mock's state instead.
    replayer = LiveServer(tmp_path, str(cassette.path), "--fallback", "mock", "--repeat", "strict", command="replay")
    try:
        for interaction in cassette:
            assert replay(replayer, interaction).status_code == interaction.response.status
        patched = replayer.request("PATCH", f"/ldapservers/{LDAP_SERVER}",
                                   json={"userPasswordExpirationAction": "disable"})
        assert patched.status_code == 200, patched.text
        later = replayer.request("GET", f"/ldapservers/{LDAP_SERVER}").json()
        # The recorded PATCH set userLockoutAction; the unrecorded one set the expiration action.
        assert (later["userLockoutAction"], later["userPasswordExpirationAction"]) == ("remove", "disable")
    finally:
        replayer.stop()
