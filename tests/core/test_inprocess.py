"""mock_jumpcloud(), use_cassette() and the pytest fixtures, through the public Python API."""
import threading

import pytest
import requests
import responses

import jcmock

BASE = "https://console.jumpcloud.com/api/v2"
EU = "https://console.eu.jumpcloud.com/api/v2"
KEY = {"x-api-key": "in-process-key"}
GSUITE = "5f9e1a2b3c4d5e6f70819203"
IPLIST = "5c7d8e9f0a1b2c3d4e5f6071"


def test_mock_jumpcloud_answers_requests_statefully():
    with jcmock.mock_jumpcloud() as jc:
        patched = requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"}, headers=KEY)
        assert patched.status_code == 200
        assert requests.get(f"{BASE}/gsuites/{GSUITE}", headers=KEY).json()["userLockoutAction"] == "maintain"
        assert jc.store.get("gsuites", GSUITE)["userLockoutAction"] == "maintain"


def test_each_mock_jumpcloud_starts_from_fresh_state():
    with jcmock.mock_jumpcloud():
        requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "changed"}, headers=KEY)
    with jcmock.mock_jumpcloud():
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).json()["name"] != "changed"


def test_eu_host_is_served_too():
    with jcmock.mock_jumpcloud():
        assert requests.get(f"{EU}/iplists/{IPLIST}", headers=KEY).status_code == 200


def test_other_hosts_get_a_clear_connection_error():
    with jcmock.mock_jumpcloud():
        with pytest.raises(requests.ConnectionError, match="not a mocked host"):
            requests.get("https://example.invalid/api")


def test_users_own_responses_mocks_keep_working_inside():
    with responses.RequestsMock() as theirs:
        theirs.get("https://hooks.example.com/notify", json={"ok": True})
        with jcmock.mock_jumpcloud():
            assert requests.get("https://hooks.example.com/notify").json() == {"ok": True}
            assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).status_code == 200
        assert requests.get("https://hooks.example.com/notify").json() == {"ok": True}


def test_nested_mocks_inner_wins_and_outer_comes_back():
    with jcmock.mock_jumpcloud() as outer:
        requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "outer"}, headers=KEY)
        with jcmock.mock_jumpcloud(base_url="https://console.example.test"):
            assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).json()["name"] == "outer"
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).json()["name"] == "outer"
        assert len(outer.calls) == 3


def test_calls_from_threads_are_served():
    with jcmock.mock_jumpcloud() as jc:
        statuses = []

        def worker(n):
            statuses.append(requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": f"t{n}"}, headers=KEY).status_code)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [200] * 8
        jc.assert_called("PATCH", "/iplists/{id}", times=8)


@jcmock.mock_jumpcloud()
def test_decorator_on_a_function():
    assert requests.get(f"{BASE}/iplists", headers=KEY).status_code == 200


@jcmock.mock_jumpcloud()
class TestDecoratorOnAClass:
    def test_first_method_changes_state(self):
        requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "class-level"}, headers=KEY)
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).json()["name"] == "class-level"

    def test_second_method_sees_fresh_state(self):
        assert requests.get(f"{BASE}/iplists/{IPLIST}", headers=KEY).json()["name"] != "class-level"


def test_assert_called_passes_and_fails_with_a_readable_diff():
    with jcmock.mock_jumpcloud() as jc:
        requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"}, headers=KEY)
        jc.assert_called("PATCH", "/gsuites/{id}", json={"userLockoutAction": "maintain"}, times=1)
        with pytest.raises(AssertionError) as failure:
            jc.assert_called("PATCH", "/gsuites/{id}", json={"userLockoutAction": "suspend"})
        assert 'body.userLockoutAction: "suspend" != "maintain"' in str(failure.value)
        assert f"PATCH /api/v2/gsuites/{GSUITE} -> 200" in str(failure.value)


def test_journal_masks_the_api_key_and_secret_fields():
    with jcmock.mock_jumpcloud() as jc:
        requests.patch(f"{BASE}/integrations/syncro/c4e6a8b0-2d4f-4a6b-9c8d-0e1f2a3b4c5d",
                       json={"apiToken": "very-secret-token"}, headers=KEY)
        call = jc.calls[-1]
        assert call.body == {"apiToken": "REDACTED"}
        assert "in-process-key" not in repr(call)


def test_fault_429_for_the_next_request_then_normal():
    with jcmock.mock_jumpcloud() as jc:
        jc.fault("PATCH", "/iplists/{id}", status=429, times=1, retry_after=2)
        first = requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "x"}, headers=KEY)
        second = requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "x"}, headers=KEY)
        assert (first.status_code, first.headers["Retry-After"]) == (429, "2")
        assert first.json()["status"] == "Too Many Requests"
        assert second.status_code == 200


def test_fault_drop_raises_a_connection_error_and_journals_status_0():
    with jcmock.mock_jumpcloud() as jc:
        jc.fault("GET", "*", drop=True, times=1)
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{BASE}/iplists", headers=KEY)
        assert [call.status for call in jc.calls] == [0]


def test_fault_header_per_request():
    with jcmock.mock_jumpcloud():
        assert requests.get(f"{BASE}/iplists", headers={**KEY, "x-jcmock-fault": "503"}).status_code == 503
        bad = requests.get(f"{BASE}/iplists", headers={**KEY, "x-jcmock-fault": "sometimes"})
        assert bad.status_code == 400 and "x-jcmock-fault" in bad.json()["message"]


def test_reset_restores_fixtures_and_clears_journal():
    with jcmock.mock_jumpcloud() as jc:
        requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "changed"}, headers=KEY)
        jc.reset()
        assert jc.calls == []
        assert jc.store.get("iplists", IPLIST)["name"] != "changed"


def test_store_seeds_objects_per_org():
    other = "5e1f2a3b4c5d6e7f80910a1c"
    with jcmock.mock_jumpcloud() as jc:
        jc.store.put("iplists", {"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "name": "seeded", "ips": []}, org=other)
        seen = requests.get(f"{BASE}/iplists/aaaaaaaaaaaaaaaaaaaaaaaa", headers={**KEY, "x-org-id": other})
        assert seen.json()["name"] == "seeded"
        assert requests.get(f"{BASE}/iplists/aaaaaaaaaaaaaaaaaaaaaaaa", headers=KEY).status_code == 404


def test_jumpcloud_fixture_is_in_process(jumpcloud):
    requests.patch(f"{BASE}/iplists/{IPLIST}", json={"name": "fixture"}, headers=KEY)
    jumpcloud.assert_called("PATCH", "/iplists/{id}", json={"name": "fixture"})


def test_jumpcloud_server_fixture_is_a_live_server_reset_per_test(jumpcloud_server):
    response = requests.patch(f"{jumpcloud_server}/api/v2/iplists/{IPLIST}", json={"name": "live"}, headers=KEY)
    assert response.status_code == 200
    journal = requests.get(f"{jumpcloud_server}/__jcmock__/requests", timeout=10).json()
    assert [(c["method"], c["status"]) for c in journal] == [("PATCH", 200)]


def test_jumpcloud_server_fixture_state_was_reset(jumpcloud_server):
    assert requests.get(f"{jumpcloud_server}/api/v2/iplists/{IPLIST}", headers=KEY).json()["name"] != "live"


def test_use_cassette_answers_from_the_cassette_and_reports_near_misses(tmp_path):
    from jcmock.recording.cassette import Cassette, Interaction, Request, Response
    path = tmp_path / "c.yaml"
    cassette = Cassette(path)
    cassette.append(Interaction(
        Request("PATCH", f"{BASE}/gsuites/{GSUITE}", b'{"userLockoutAction": "maintain"}',
                {"Content-Type": ["application/json"]}),
        Response(200, "OK", {"Content-Type": ["application/json"]}, b'{"id": "recorded"}'),
    ))
    cassette.save()
    with jcmock.use_cassette(path):
        assert requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "maintain"},
                              headers=KEY).json() == {"id": "recorded"}
        with pytest.raises(jcmock.NoMatch) as miss:
            requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "suspend"}, headers=KEY)
        assert 'body.userLockoutAction: "maintain" != "suspend"' in str(miss.value)
    with jcmock.use_cassette(path, fallback="mock"):
        fallback = requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "suspend"}, headers=KEY)
        assert fallback.json()["userLockoutAction"] == "suspend"


def test_fault_with_wrong_types_is_a_clear_value_error():
    with jcmock.mock_jumpcloud() as jc:
        with pytest.raises(ValueError, match="status"):
            jc.fault("GET", "*", status="abc")
        with pytest.raises(ValueError, match="unknown fault fields"):
            jc.fault("GET", "*", stauts=429)


def test_use_cassette_requires_the_api_key_like_replay(tmp_path):
    from jcmock.recording.cassette import Cassette, Interaction, Request, Response
    path = tmp_path / "c.yaml"
    cassette = Cassette(path)
    cassette.append(Interaction(Request("GET", f"{BASE}/iplists", None, {}),
                                Response(200, "OK", {"Content-Type": ["application/json"]}, b"[]")))
    cassette.save()
    with jcmock.use_cassette(path):
        assert requests.get(f"{BASE}/iplists").status_code == 401
        assert requests.get(f"{BASE}/iplists", headers=KEY).json() == []


def test_use_cassette_fallback_write_makes_recorded_reads_of_that_object_give_way(tmp_path):
    """Issue 8, point 7, in process: after the mock answers a PATCH, a recorded GET of that object is stale."""
    from jcmock.recording.cassette import Cassette, Interaction, Request, Response
    path = tmp_path / "c.yaml"
    cassette = Cassette(path)
    recorded = b'{"id": "%s", "userLockoutAction": "recorded"}' % GSUITE.encode()
    cassette.append(Interaction(Request("GET", f"{BASE}/gsuites/{GSUITE}", None, {}),
                                Response(200, "OK", {"Content-Type": ["application/json"]}, recorded)))
    cassette.save()
    with jcmock.use_cassette(path, fallback="mock"):
        assert requests.patch(f"{BASE}/gsuites/{GSUITE}", json={"userLockoutAction": "suspend"},
                              headers=KEY).status_code == 200
        assert requests.get(f"{BASE}/gsuites/{GSUITE}", headers=KEY).json()["userLockoutAction"] == "suspend"
    with jcmock.use_cassette(path, fallback="mock"):
        assert requests.get(f"{BASE}/gsuites/{GSUITE}", headers=KEY).json()["userLockoutAction"] == "recorded"
