"""Tests of enforce_policy.py, three ways: in process, against a live server, and from a cassette.

- ``jumpcloud``: an in-process mock that answers ``requests`` calls to
  https://console.jumpcloud.com, fresh for each test. Fastest; read its journal with
  ``assert_called`` and inject failures with ``fault``.
- ``jumpcloud_server``: the base URL of a real HTTP server, for code that is not Python or
  that must go through a socket; faults and the journal are under ``/__jcmock__/``.
- ``@pytest.mark.jumpcloud_cassette``: answers from a recorded run (record_cassette.py),
  with no state at all: the test proves the script still sends the same requests.
"""
import pytest
import requests
from enforce_policy import ApiError, JumpCloudClient, RetriesExhausted, enforce, main
from record_cassette import SCRIPT_ARGS

GSUITES = ("5f9e1a2b3c4d5e6f70819203", "6241b307cad81fc621010c6b")
OFFICE365S = ("60a1b2c3d4e5f60718293a4e", "645a03a58b920d5aab4083a5")
LDAPSERVERS = ("5a1b2c3d4e5f607182930a4b", "60dcc9be0c4ea66c02c0e4b3")
IPLIST = "5c7d8e9f0a1b2c3d4e5f6071"
IPS = ["203.0.113.10", "198.51.100.0/24"]
SUSPEND = {"userLockoutAction": "suspend", "userPasswordExpirationAction": "suspend"}
DISABLE = {"userLockoutAction": "disable", "userPasswordExpirationAction": "disable"}
KEY = {"x-api-key": "test"}


@pytest.fixture
def sleeps():
    """What the client slept, in seconds; nothing really waits."""
    return []


@pytest.fixture
def client(sleeps):
    with JumpCloudClient(api_key="test", sleep=sleeps.append) as jc:
        yield jc


def lockout(doc):
    return {"userLockoutAction": doc["userLockoutAction"],
            "userPasswordExpirationAction": doc["userPasswordExpirationAction"]}


# In process: the ``jumpcloud`` fixture.

def test_enforce_suspends_every_directory_and_replaces_the_iplist(jumpcloud, client):
    changes = []
    enforce(client, "suspend", IPLIST, IPS, out=changes.append)

    for gsuite in GSUITES:
        assert lockout(client.get(f"/api/v2/gsuites/{gsuite}")) == SUSPEND
    for office365 in OFFICE365S:
        assert lockout(client.get(f"/api/v2/office365s/{office365}")) == SUSPEND
    for ldap in LDAPSERVERS:
        assert lockout(client.get(f"/api/v2/ldapservers/{ldap}")) == DISABLE
    assert client.get(f"/api/v2/iplists/{IPLIST}")["ips"] == IPS
    jumpcloud.assert_called("PATCH", "/gsuites/{id}", json=SUSPEND, times=2)
    jumpcloud.assert_called("PATCH", "/office365s/{id}", json=SUSPEND, times=2)
    jumpcloud.assert_called("PATCH", "/ldapservers/{id}", json=DISABLE, times=2)
    jumpcloud.assert_called("PATCH", "/iplists/{id}", json={"ips": IPS}, times=1)
    jumpcloud.assert_called("PATCH", "/activedirectories/{id}", times=0)
    assert len(changes) == 7
    assert changes[-1] == f"iplist Office egress ({IPLIST}): ips=203.0.113.10, 198.51.100.0/24"


def test_maintain_leaves_ldap_servers_unchanged(jumpcloud, client, capsys):
    before = [lockout(jumpcloud.store.get("ldapservers", ldap)) for ldap in LDAPSERVERS]

    enforce(client, "maintain", out=lambda line: None)

    jumpcloud.assert_called("PATCH", "/gsuites/{id}", json={"userLockoutAction": "maintain",
                                                            "userPasswordExpirationAction": "maintain"}, times=2)
    jumpcloud.assert_called("PATCH", "/ldapservers/{id}", times=0)
    assert [lockout(jumpcloud.store.get("ldapservers", ldap)) for ldap in LDAPSERVERS] == before
    assert "LDAP has no 'maintain' action" in capsys.readouterr().err


def test_429_is_retried_after_retry_after(jumpcloud, client, sleeps):
    jumpcloud.fault("PATCH", "/iplists/{id}", status=429, times=2, retry_after=0)

    enforce(client, "suspend", IPLIST, IPS, out=lambda line: None)

    assert [call.status for call in jumpcloud.assert_called("PATCH", "/iplists/{id}", times=3)] == [429, 429, 200]
    assert sleeps == [0, 0]
    assert jumpcloud.store.get("iplists", IPLIST)["ips"] == IPS


def test_retry_after_is_capped(jumpcloud, sleeps):
    jumpcloud.fault("GET", "/directories", status=429, times=1, retry_after=3600)

    with JumpCloudClient(api_key="test", max_wait=30, sleep=sleeps.append) as client:
        enforce(client, "suspend", out=lambda line: None)

    assert sleeps == [30]


def test_dropped_connection_is_retried(jumpcloud, client, sleeps):
    jumpcloud.fault("PATCH", "/gsuites/{id}", drop=True, times=1)

    enforce(client, "suspend", out=lambda line: None)

    jumpcloud.assert_called("PATCH", "/gsuites/{id}", json=SUSPEND, times=3)
    assert sleeps == [0.5]  # no Retry-After on a dropped connection: the first backoff step
    for gsuite in GSUITES:
        assert lockout(jumpcloud.store.get("gsuites", gsuite)) == SUSPEND


def test_gives_up_after_the_last_attempt(jumpcloud, sleeps):
    jumpcloud.fault("PATCH", "/office365s/{id}", status=503, retry_after=0)

    with JumpCloudClient(api_key="test", attempts=4, sleep=sleeps.append) as client:
        with pytest.raises(RetriesExhausted, match="still failing after 4 attempts: 503"):
            enforce(client, "suspend", out=lambda line: None)

    jumpcloud.assert_called("PATCH", "/office365s/{id}", times=4)
    assert sleeps == [0, 0, 0]


def test_main_exits_non_zero_when_retries_run_out(jumpcloud, sleeps, capsys):
    jumpcloud.fault("PATCH", "/office365s/{id}", status=503)

    assert main(["--api-key", "test"], sleep=sleeps.append) == 1

    assert "error: PATCH /api/v2/office365s/60a1b2c3d4e5f60718293a4e still failing after 5 attempts" \
        in capsys.readouterr().err
    assert len(sleeps) == 4


def test_main_exits_non_zero_on_a_4xx_without_retrying(jumpcloud, sleeps, capsys):
    status = main(["--api-key", "test", "--iplist-id", IPLIST, "--allow-ip", "not-an-ip"], sleep=sleeps.append)

    assert status == 1
    err = capsys.readouterr().err
    assert f"error: PATCH /api/v2/iplists/{IPLIST} failed with 400: invalid request body: ips" in err
    jumpcloud.assert_called("PATCH", "/iplists/{id}", times=1)
    assert sleeps == []


def test_unknown_iplist_is_an_api_error(jumpcloud, client):
    with pytest.raises(ApiError) as raised:
        enforce(client, "suspend", "000000000000000000000000", IPS, out=lambda line: None)
    assert raised.value.status == 404


def test_main_needs_an_api_key(monkeypatch, capsys):
    monkeypatch.delenv("JUMPCLOUD_API_KEY", raising=False)
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "no API key" in capsys.readouterr().err


def test_main_acts_in_the_org_given(jumpcloud, capsys):
    other_org = "5e1f2a3b4c5d6e7f80910a1c"

    assert main(["--api-key", "test", "--org-id", other_org, "--iplist-id", IPLIST, "--allow-ip", "192.0.2.1"]) == 0

    assert jumpcloud.store.get("iplists", IPLIST, org=other_org)["ips"] == ["192.0.2.1"]
    assert jumpcloud.store.get("iplists", IPLIST)["ips"] != ["192.0.2.1"]


# Over HTTP: the ``jumpcloud_server`` fixture.

def test_main_against_a_live_server(jumpcloud_server, capsys):
    status = main(["--base-url", jumpcloud_server, "--api-key", "test", "--iplist-id", IPLIST,
                   *[arg for ip in IPS for arg in ("--allow-ip", ip)]])

    assert status == 0
    assert len(capsys.readouterr().out.splitlines()) == 7
    api = f"{jumpcloud_server}/api/v2"
    for gsuite in GSUITES:
        assert lockout(requests.get(f"{api}/gsuites/{gsuite}", headers=KEY, timeout=10).json()) == SUSPEND
    for ldap in LDAPSERVERS:
        assert lockout(requests.get(f"{api}/ldapservers/{ldap}", headers=KEY, timeout=10).json()) == DISABLE
    assert requests.get(f"{api}/iplists/{IPLIST}", headers=KEY, timeout=10).json()["ips"] == IPS


def test_429_over_http_shows_in_the_journal(jumpcloud_server, sleeps):
    fault = {"method": "PATCH", "path": "/api/v2/iplists/*", "status": 429, "times": 2, "retry_after": 0}
    requests.post(f"{jumpcloud_server}/__jcmock__/faults", json=fault, timeout=10).raise_for_status()

    status = main(["--base-url", jumpcloud_server, "--api-key", "test", "--iplist-id", IPLIST,
                   "--allow-ip", IPS[0]], sleep=sleeps.append)

    assert status == 0
    journal = requests.get(f"{jumpcloud_server}/__jcmock__/requests", params={"method": "PATCH"}, timeout=10).json()
    assert [call["status"] for call in journal if call["path"] == f"/api/v2/iplists/{IPLIST}"] == [429, 429, 200]
    assert sleeps == [0, 0]


def test_dropped_connection_over_http_is_retried(jumpcloud_server, sleeps):
    fault = {"method": "PATCH", "path": "/api/v2/ldapservers/*", "drop": True, "times": 1}
    requests.post(f"{jumpcloud_server}/__jcmock__/faults", json=fault, timeout=10).raise_for_status()

    assert main(["--base-url", jumpcloud_server, "--api-key", "test"], sleep=sleeps.append) == 0

    journal = requests.get(f"{jumpcloud_server}/__jcmock__/requests",
                           params={"method": "PATCH", "path": "/api/v2/ldapservers/*"}, timeout=10).json()
    assert len(journal) == 3
    assert len(sleeps) == 1


# From a cassette: record_cassette.py recorded this run.

@pytest.mark.jumpcloud_cassette("cassettes/enforce_policy.yaml")
def test_replays_the_recorded_run(capsys, monkeypatch):
    monkeypatch.setenv("JUMPCLOUD_API_KEY", "not-the-recorded-key")  # keys are redacted, never matched

    assert main(SCRIPT_ARGS) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("g_suite example.com Workspace (5f9e1a2b3c4d5e6f70819203): "
                      "userLockoutAction=suspend, userPasswordExpirationAction=suspend")
    assert out[-1] == f"iplist Office egress ({IPLIST}): ips=203.0.113.10, 198.51.100.0/24"
    assert len(out) == 7
