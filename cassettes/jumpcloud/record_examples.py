"""Re-record the example cassettes in this directory.

Run ``.venv/bin/python cassettes/jumpcloud/record_examples.py`` from any working directory. It starts a
local ``jcmock serve`` as the upstream, then for each cassette a ``jcmock record --mode all`` in
front of it, drives one area's session through the recorder and stops it. This project has no
access to the real JumpCloud API, so the local mock plays its part; the recorded URIs therefore
name ``http://127.0.0.1:PORT``, which matching ignores.

Each cassette is recorded into a temporary directory first and only copied here once every
cassette was recorded and none holds a secret of the session, so a failed run leaves the
bundled cassettes as they were.
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

from jcmock.process import JcmockProcess
from jcmock.recording.cassette import Cassette

HERE = Path(__file__).resolve().parent

API_KEY = "throwaway-upstream-key-5b8e21c4"
AUTOTASK_SECRET = "example-autotask-secret-9f41d2"
CONNECTWISE_PUBLIC_KEY = "example-cw-public-key-27ac"
CONNECTWISE_PRIVATE_KEY = "example-cw-private-key-d03e"
SYNCRO_API_TOKEN = "example-syncro-token-6b1f"
# Every secret value the sessions send: none may reach a cassette.
SECRETS = (API_KEY, AUTOTASK_SECRET, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY, SYNCRO_API_TOKEN)

UNKNOWN_ID = "0123456789abcdef01234567"
CLIENT_B = "5e1f2a3b4c5d6e7f80910a1c"
CLIENT_C = "5e1f2a3b4c5d6e7f80910a1d"


def start(workdir, command, *args):
    """``jcmock command`` on a free port, its log in ``workdir``."""
    return JcmockProcess(command, *args, log_path=Path(workdir) / f"{command}-{time.monotonic_ns()}.log")


class Client:
    """Calls through the recorder; an answer other than the expected status stops the run."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["x-api-key"] = API_KEY
        self.calls = 0

    def call(self, method, path, body=None, expect=200):
        """``path`` is under /api/v2 unless it starts with /api/ (the v1 API)."""
        url = self.base_url + (path if path.startswith("/api/") else f"/api/v2{path}")
        response = self.session.request(method, url, json=body, timeout=30)
        self.calls += 1
        if response.status_code != expect:
            raise RuntimeError(f"{method} {path} answered {response.status_code}, expected {expect}: {response.text}")
        return response

    def get(self, path, expect=200):
        return self.call("GET", path, expect=expect)

    def patch(self, path, body, expect=200):
        return self.call("PATCH", path, body, expect=expect)

    def read_patch_read(self, path, body, read_path=None, expect=200):
        """A GET before, the PATCH, and a GET after; ``read_path`` when the PATCHed path has no GET."""
        self.get(read_path or path)
        self.patch(path, body, expect=expect)
        self.get(read_path or path)


def directories(jc, fixtures):
    """Active Directory, G Suite (default domain unset and set again), Office 365, LDAP; a 400 and a 404."""
    jc.read_patch_read(f"/activedirectories/{fixtures['activedirectories'][0]}",
                       {"useCase": "TWOWAYSYNC", "delegationState": "ENABLED"})
    gsuite = f"/gsuites/{fixtures['gsuites'][0]}"
    jc.get(gsuite)
    jc.patch(gsuite, {"userLockoutAction": "maintain", "userPasswordExpirationAction": "suspend"})
    domain_id = jc.get(gsuite).json()["defaultDomain"]["id"]
    jc.patch(gsuite, {"defaultDomain": {}})
    jc.get(gsuite)
    jc.patch(gsuite, {"defaultDomain": {"id": domain_id}})
    jc.get(gsuite)
    jc.patch(gsuite, {"userLockoutAction": "delete", "groupsEnabled": "true"}, expect=400)
    jc.read_patch_read(f"/office365s/{fixtures['office365s'][0]}",
                       {"groupsEnabled": True, "userLockoutAction": "suspend"})
    jc.read_patch_read(f"/ldapservers/{fixtures['ldapservers'][0]}", {"userLockoutAction": "remove"})
    jc.patch(f"/ldapservers/{UNKNOWN_ID}", {"userLockoutAction": "remove"}, expect=404)


def authn_iplists(jc, fixtures):
    """Pause an authentication policy, replace an IP list's entries; an invalid IP is a 400."""
    jc.read_patch_read(f"/authn/policies/{fixtures['authn_policies'][0]}",
                       {"disabled": True, "description": "paused during the migration"})
    iplist = f"/iplists/{fixtures['iplists'][0]}"
    jc.read_patch_read(iplist, {"ips": ["203.0.113.10", "198.51.100.0/24", "192.0.2.1 - 192.0.2.50"]})
    jc.patch(iplist, {"ips": ["10.0.0.300"]}, expect=400)


def bulk_users(jc, fixtures):
    """A bulk update of a known and an unknown user, its job results, and the user read with v1."""
    user = f"/api/systemusers/{fixtures['users'][0]}"
    jc.get(user)
    job = jc.patch("/bulk/users", [
        {"id": fixtures["users"][0], "department": "Platform", "jobTitle": "SRE"},
        {"id": UNKNOWN_ID, "department": "Nowhere"},
    ]).json()["jobId"]
    jc.get(f"/bulk/users/{job}/results")
    jc.get(user)


def google_emm(jc, fixtures):
    """Stop enrollment on an enterprise; there is no single GET, so the list shows it."""
    jc.read_patch_read(f"/google-emm/enterprises/{fixtures['google_emm_enterprises'][0]}",
                       {"allowDeviceEnrollment": False, "deviceGroupId": "6501a2b3c4d5e6f708192a3d"},
                       read_path="/google-emm/enterprises")


def integrations(jc, fixtures):
    """Config (with secrets), settings and mappings of the Autotask, ConnectWise and Syncro integrations."""
    configs = {
        "autotask": {"username": "psa-sync@example.com", "secret": AUTOTASK_SECRET},
        "connectwise": {"url": "https://api-eu.myconnectwise.net", "publicKey": CONNECTWISE_PUBLIC_KEY,
                        "privateKey": CONNECTWISE_PRIVATE_KEY},
        "syncro": {"subdomain": "examplemsp-eu", "apiToken": SYNCRO_API_TOKEN},
    }
    settings = {
        "autotask": {"automaticTicketing": False, "companyTypeIds": [1, 3, 5]},
        "connectwise": {"automaticTicketing": True, "companyTypeIds": [1, 2]},
        "syncro": {"automaticTicketing": False},
    }
    mappings = {
        "autotask": [
            {"organization": {"id": CLIENT_C, "name": "Example MSP Client C"},
             "company": {"id": "29683042", "name": "Client C GmbH"},
             "contract": {"id": "29684470", "name": "Managed Services"}},
            {"organization": {"id": CLIENT_B}, "delete": True},
        ],
        "connectwise": [
            {"organization": {"id": CLIENT_C, "name": "Example MSP Client C"},
             "company": {"id": "252", "name": "Client C GmbH"},
             "agreement": {"id": "19", "name": "Managed Services 2025"}},
            {"organization": {"id": CLIENT_B}, "delete": True},
        ],
        "syncro": [
            {"organization": {"id": CLIENT_B, "name": "Example MSP Client B"},
             "company": {"id": "1033", "name": "Client B LLC"}},
            {"organization": {"id": CLIENT_C}, "delete": True},
        ],
    }
    for vendor in ("autotask", "connectwise", "syncro"):
        base = f"/integrations/{vendor}/{fixtures[vendor][0]}"
        jc.read_patch_read(base, configs[vendor])
        jc.read_patch_read(f"{base}/settings", settings[vendor])
        jc.read_patch_read(f"{base}/mappings", {"data": mappings[vendor]}, expect=204)


def pushendpoints(jc, fixtures):
    """Deactivate a user's push device; the same device under another user is a 404."""
    device = fixtures["pushendpoints"][0]
    path = f"/users/{device['user_id']}/pushendpoints/{device['id']}"
    jc.read_patch_read(path, {"state": "inactive", "name": "Alex's iPhone (lost)"})
    jc.get(f"/users/{device['user_id']}/pushendpoints")
    other_user = next(u for u in fixtures["users"] if u != device["user_id"])
    jc.patch(f"/users/{other_user}/pushendpoints/{device['id']}", {"state": "inactive"}, expect=404)


SESSIONS = {
    "directories.yaml": directories,
    "authn_iplists.yaml": authn_iplists,
    "bulk_users.yaml": bulk_users,
    "google_emm.yaml": google_emm,
    "integrations.yaml": integrations,
    "pushendpoints.yaml": pushendpoints,
}


def record(workdir, upstream, name, session):
    """Record one session into ``workdir/name`` from freshly seeded upstream state; returns the path and
    how many interactions it holds."""
    requests.post(f"{upstream.url}/__jcmock__/reset", timeout=10).raise_for_status()
    fixtures = requests.get(f"{upstream.url}/__jcmock__/fixtures", timeout=10).json()
    staged = Path(workdir) / name
    recorder = start(workdir, "record", "--cassette", staged, "--upstream", upstream.url, "--mode", "all")
    try:
        client = Client(recorder.url)
        session(client, fixtures)
    except Exception:
        print(recorder.stderr(), file=sys.stderr)
        raise
    finally:
        recorder.stop()
    recorded = len(Cassette.load(staged))
    if recorded != client.calls:
        raise RuntimeError(f"{name}: {client.calls} calls made but {recorded} interactions recorded")
    return staged, recorded


def leaked_secrets(paths):
    """``(file name, secret)`` for every session secret found in the files' bytes."""
    return [(path.name, secret) for path in paths for secret in SECRETS if secret.encode() in path.read_bytes()]


def main():
    with tempfile.TemporaryDirectory(prefix="jcmock-record-") as workdir:
        upstream = start(workdir, "serve", "--reset", "--db", Path(workdir) / "db.json", "--api-key", API_KEY)
        staged = []
        try:
            for name, session in SESSIONS.items():
                path, recorded = record(workdir, upstream, name, session)
                staged.append(path)
                print(f"recorded cassettes/jumpcloud/{name}: {recorded} interactions", flush=True)
        finally:
            upstream.stop()
        leaks = leaked_secrets(staged)
        if leaks:
            found = ", ".join(f"{secret!r} in {name}" for name, secret in leaks)
            sys.exit(f"error: secrets reached the cassettes ({found}); the bundled cassettes were left unchanged")
        for path in staged:
            shutil.copyfile(path, HERE / path.name)
    print(f"wrote {len(staged)} cassettes to {HERE}; no session secret in any of them")


if __name__ == "__main__":
    main()
