"""jcmock record and jcmock replay over HTTP, against a local `jcmock serve` as the upstream."""
import socket

import pytest
import requests
import yaml

from helpers import LiveServer

UPSTREAM_KEY = "upstream-secret-key-7f3a9c"
SECRETS = ("autotask-secret-4e1d", "cw-private-9b2c", "cw-public-1a7f", "syncro-token-6d0e")
GSUITE = "5f9e1a2b3c4d5e6f70819203"


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("upstream"), "--api-key", UPSTREAM_KEY)
    yield server
    server.stop()


@pytest.fixture
def fresh_upstream(upstream):
    upstream.reset()
    return upstream


def start(tmp_path, command, *args):
    return LiveServer(tmp_path, *args, command=command)


def call(server, method, path, key=UPSTREAM_KEY, **kwargs):
    return requests.request(method, f"{server.api}{path}", headers={"x-api-key": key, **kwargs.pop("headers", {})},
                            timeout=10, **kwargs)


def record_session(tmp_path, upstream, cassette, *args):
    """A scripted session through `jcmock record`; returns the answers the client got."""
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", upstream.url, *args)
    manifest = upstream.manifest()
    try:
        answers = [
            call(recorder, "GET", f"/gsuites/{GSUITE}"),
            call(recorder, "PATCH", f"/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"}),
            call(recorder, "PATCH", f"/integrations/autotask/{manifest['autotask'][0]}",
                 json={"username": "api@example.com", "secret": SECRETS[0]}),
            call(recorder, "PATCH", f"/integrations/connectwise/{manifest['connectwise'][0]}",
                 json={"privateKey": SECRETS[1], "publicKey": SECRETS[2]}),
            call(recorder, "PATCH", f"/integrations/syncro/{manifest['syncro'][0]}",
                 json={"apiToken": SECRETS[3]}),
            call(recorder, "GET", f"/gsuites/{GSUITE}"),
        ]
    finally:
        recorder.stop()
    return answers


def test_record_passes_answers_through_and_redacts_every_secret_before_disk(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    answers = record_session(tmp_path, fresh_upstream, cassette)
    assert [a.status_code for a in answers] == [200] * 6
    assert answers[1].json()["userLockoutAction"] == "maintain"
    raw = cassette.read_bytes()
    for secret in (UPSTREAM_KEY, *SECRETS):
        assert secret.encode() not in raw
    data = yaml.safe_load(raw)
    assert data["version"] == 1 and len(data["interactions"]) == 6
    first = data["interactions"][0]
    assert first["request"]["headers"]["X-Api-Key"] == ["REDACTED"]
    assert first["response"]["status"] == {"code": 200, "message": "OK"}
    assert "string" in first["response"]["body"]


def test_recorded_cassette_replays_over_http_in_order(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    answers = record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette))
    try:
        first = call(replayer, "GET", f"/gsuites/{GSUITE}", key="any-key")
        call(replayer, "PATCH", f"/gsuites/{GSUITE}", key="any-key", json={"userLockoutAction": "maintain"})
        second = call(replayer, "GET", f"/gsuites/{GSUITE}", key="any-key")
        assert first.json() == answers[0].json()
        assert second.json() == answers[5].json()
        assert first.json()["userLockoutAction"] != second.json()["userLockoutAction"]
        assert call(replayer, "GET", f"/gsuites/{GSUITE}", key="").status_code == 401
    finally:
        replayer.stop()


def test_replay_no_match_is_404_with_the_nearest_interactions_and_their_differences(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette))
    try:
        miss = call(replayer, "PATCH", f"/gsuites/{GSUITE}", json={"userLockoutAction": "suspend"})
        assert miss.status_code == 404
        report = miss.json()
        assert report["code"] == 404
        assert report["request"]["body"] == {"userLockoutAction": "suspend"}
        assert len(report["nearest"]) == 3
        assert report["nearest"][0]["differences"] == ['body.userLockoutAction: "maintain" != "suspend"']
        assert 'body.userLockoutAction: "maintain" != "suspend"' in replayer.stderr()
    finally:
        replayer.stop()


@pytest.mark.parametrize("repeat, expected", [
    ("last", [200, 200, 200]), ("cycle", [200, 200, 200]), ("strict", [200, 200, 404]),
])
def test_replay_repeat_policy_after_the_last_recorded_answer(tmp_path, fresh_upstream, repeat, expected):
    cassette = tmp_path / "session.yaml"
    answers = record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette), "--repeat", repeat)
    try:
        got = [call(replayer, "GET", f"/gsuites/{GSUITE}") for _ in range(3)]
        assert [g.status_code for g in got] == expected
        third = {"last": answers[5], "cycle": answers[0]}.get(repeat)
        if third is not None:
            assert got[2].json() == third.json()
    finally:
        replayer.stop()


def test_replay_ignore_field_leaves_a_body_path_out_of_matching(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette), "--ignore-field", "userLockoutAction")
    try:
        assert call(replayer, "PATCH", f"/gsuites/{GSUITE}", json={"userLockoutAction": "suspend"}).status_code == 200
    finally:
        replayer.stop()


def test_replay_fallback_mock_continues_statefully_from_recorded_objects(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette), "--fallback", "mock", "--repeat", "strict")
    try:
        for _ in range(2):
            call(replayer, "GET", f"/gsuites/{GSUITE}")
        # Not recorded: the mock answers, from the state the recording left.
        after_replay = call(replayer, "GET", f"/gsuites/{GSUITE}")
        assert after_replay.status_code == 200
        assert after_replay.json()["userLockoutAction"] == "maintain"
        patched = call(replayer, "PATCH", f"/gsuites/{GSUITE}", json={"userPasswordExpirationAction": "remove_access"})
        assert patched.status_code == 200
        later = call(replayer, "GET", f"/gsuites/{GSUITE}").json()
        assert (later["userLockoutAction"], later["userPasswordExpirationAction"]) == ("maintain", "remove_access")
    finally:
        replayer.stop()


def test_record_mode_once_replays_an_existing_cassette_without_the_upstream(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    before = cassette.read_bytes()
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", "http://127.0.0.1:9")
    try:
        assert call(recorder, "GET", f"/gsuites/{GSUITE}").status_code == 200
        assert call(recorder, "GET", "/iplists").status_code == 404
    finally:
        recorder.stop()
    assert cassette.read_bytes() == before


def test_record_mode_new_episodes_replays_matches_and_records_the_rest(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", fresh_upstream.url,
                     "--mode", "new_episodes")
    try:
        assert call(recorder, "GET", f"/gsuites/{GSUITE}").status_code == 200
        assert call(recorder, "GET", "/iplists").status_code == 200
    finally:
        recorder.stop()
    interactions = yaml.safe_load(cassette.read_bytes())["interactions"]
    assert len(interactions) == 7
    assert interactions[-1]["request"]["uri"].endswith("/api/v2/iplists")


def test_record_mode_all_records_everything_anew(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", fresh_upstream.url, "--mode", "all")
    try:
        assert call(recorder, "GET", "/iplists").status_code == 200
    finally:
        recorder.stop()
    interactions = yaml.safe_load(cassette.read_bytes())["interactions"]
    assert [i["request"]["method"] for i in interactions] == ["GET"]


def test_record_mode_none_only_replays(tmp_path, fresh_upstream):
    cassette = tmp_path / "empty.yaml"
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", fresh_upstream.url,
                     "--mode", "none")
    try:
        response = call(recorder, "GET", "/iplists")
        assert response.status_code == 404
        assert "No recorded interaction" in response.json()["message"]
    finally:
        recorder.stop()
    assert not cassette.exists()


def test_unreachable_upstream_is_502_and_writes_nothing(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    cassette = tmp_path / "never.yaml"
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", f"http://127.0.0.1:{closed_port}")
    try:
        response = call(recorder, "GET", "/iplists")
        assert response.status_code == 502
        assert response.json()["code"] == 502 and "did not answer" in response.json()["message"]
    finally:
        recorder.stop()
    assert not cassette.exists()


def test_filter_header_and_filter_field_redact_more(tmp_path, fresh_upstream):
    cassette = tmp_path / "extra.yaml"
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", fresh_upstream.url,
                     "--filter-header", "x-trace-token", "--filter-field", "description")
    try:
        iplist = fresh_upstream.manifest()["iplists"][0]
        call(recorder, "PATCH", f"/iplists/{iplist}", json={"description": "internal-note-55aa"},
             headers={"x-trace-token": "trace-value-8c8c"})
    finally:
        recorder.stop()
    raw = cassette.read_bytes()
    assert b"internal-note-55aa" not in raw and b"trace-value-8c8c" not in raw


def test_cassette_recorded_by_jcmock_plays_in_vcrpy(tmp_path, fresh_upstream):
    vcr = pytest.importorskip("vcr")
    cassette = tmp_path / "session.yaml"
    answers = record_session(tmp_path, fresh_upstream, cassette)
    with vcr.VCR(record_mode="none").use_cassette(str(cassette)):
        replayed = requests.get(f"{fresh_upstream.api}/gsuites/{GSUITE}", headers={"x-api-key": "x"})
    assert replayed.json() == answers[0].json()


def test_cassette_recorded_by_vcrpy_replays_through_jcmock_replay(tmp_path, fresh_upstream):
    vcr = pytest.importorskip("vcr")
    cassette = tmp_path / "vcrpy.yaml"
    with vcr.VCR(record_mode="once", filter_headers=["x-api-key"]).use_cassette(str(cassette)):
        original = requests.patch(f"{fresh_upstream.api}/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"},
                                  headers={"x-api-key": UPSTREAM_KEY})
    replayer = start(tmp_path, "replay", str(cassette))
    try:
        replayed = call(replayer, "PATCH", f"/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"})
        assert replayed.status_code == 200
        assert replayed.json() == original.json()
    finally:
        replayer.stop()


def test_record_new_episodes_replays_each_answer_once_then_asks_the_upstream(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)  # holds two GETs of the G Suite
    recorder = start(tmp_path, "record", "--cassette", str(cassette), "--upstream", fresh_upstream.url,
                     "--mode", "new_episodes")
    try:
        answers = [call(recorder, "GET", f"/gsuites/{GSUITE}").json() for _ in range(3)]
    finally:
        recorder.stop()
    interactions = yaml.safe_load(cassette.read_bytes())["interactions"]
    assert len(interactions) == 7
    assert answers[0]["userLockoutAction"] == "suspend"
    assert answers[1]["userLockoutAction"] == answers[2]["userLockoutAction"] == "maintain"


def test_fallback_mock_write_makes_recorded_reads_of_that_object_give_way_at_once(tmp_path, fresh_upstream):
    """Issue 8, point 7: once the mock answered a write, the mock's state wins for that object's reads."""
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)  # holds two recorded GETs of the G Suite
    with start(tmp_path, "replay", str(cassette), "--fallback", "mock") as replayer:
        call(replayer, "PATCH", f"/gsuites/{GSUITE}", json={"userPasswordExpirationAction": "remove_access"})
        answers = [call(replayer, "GET", f"/gsuites/{GSUITE}").json() for _ in range(3)]
        assert [a["userPasswordExpirationAction"] for a in answers] == ["remove_access"] * 3
        # the first GET after the PATCH is not a recorded answer: the recorded ones are still unplayed
        requests.post(f"{replayer.url}/__jcmock__/reset", timeout=10).raise_for_status()
        assert call(replayer, "GET", f"/gsuites/{GSUITE}").json()["userLockoutAction"] == "suspend"


def test_fallback_mock_write_leaves_recorded_reads_of_other_objects_alone(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    other = next(g for g in fresh_upstream.manifest()["gsuites"] if g != GSUITE)
    with start(tmp_path, "replay", str(cassette), "--fallback", "mock") as replayer:
        patched = call(replayer, "PATCH", f"/gsuites/{other}", json={"userPasswordExpirationAction": "remove_access"})
        assert patched.status_code == 200
        assert call(replayer, "GET", f"/gsuites/{other}").json()["userPasswordExpirationAction"] == "remove_access"
        # the recorded session still plays for the G Suite the mock has not written
        assert call(replayer, "GET", f"/gsuites/{GSUITE}").json()["userLockoutAction"] == "suspend"


def test_fallback_mock_seeds_recorded_integration_configs(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    autotask = fresh_upstream.manifest()["autotask"][0]
    replayer = start(tmp_path, "replay", str(cassette), "--fallback", "mock")
    try:
        assert call(replayer, "GET", f"/integrations/autotask/{autotask}").json()["username"] == "api@example.com"
    finally:
        replayer.stop()


def test_admin_reset_rewinds_the_replayed_answers(tmp_path, fresh_upstream):
    cassette = tmp_path / "session.yaml"
    record_session(tmp_path, fresh_upstream, cassette)
    replayer = start(tmp_path, "replay", str(cassette), "--repeat", "strict")
    try:
        for _ in range(2):
            call(replayer, "GET", f"/gsuites/{GSUITE}")
        assert call(replayer, "GET", f"/gsuites/{GSUITE}").status_code == 404
        requests.post(f"{replayer.url}/__jcmock__/reset", timeout=10).raise_for_status()
        assert call(replayer, "GET", f"/gsuites/{GSUITE}").status_code == 200
    finally:
        replayer.stop()


def test_replay_sends_a_gzip_encoded_recorded_body_with_its_encoding(tmp_path):
    import gzip

    from jcmock.recording.cassette import Cassette, Interaction, Request, Response
    path = tmp_path / "gzip.yaml"
    cassette = Cassette(path)
    cassette.append(Interaction(
        Request("GET", f"https://console.jumpcloud.com/api/v2/gsuites/{GSUITE}", None, {}),
        Response(200, "OK", {"Content-Type": ["application/json"], "Content-Encoding": ["gzip"]},
                 gzip.compress(b'{"id": "zipped"}')),
    ))
    cassette.save()
    replayer = start(tmp_path, "replay", str(path))
    try:
        assert call(replayer, "GET", f"/gsuites/{GSUITE}").json() == {"id": "zipped"}
    finally:
        replayer.stop()
