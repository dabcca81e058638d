"""Shared fixtures: a live `jcmock serve` on a free port, reset before each test that uses it."""
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
API_KEY = "test-key-0123456789"


class LiveServer:
    """A `jcmock serve` (or record, replay) subprocess; ``url`` is its base, ``api`` its /api/v2 base."""

    def __init__(self, tmp_path, *extra_args, command="serve"):
        self.db = tmp_path / "db.json"
        self.log = open(tmp_path / f"{command}.err", "w+")
        args = ["--db", str(self.db)] if command == "serve" else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jcmock.cli", command, "--port", "0", *args, *extra_args],
            stdout=subprocess.PIPE, stderr=self.log, text=True, cwd=REPO,
        )
        self.url = self._read_base_url()
        self.api = f"{self.url}/api/v2"
        self.session = requests.Session()
        self.session.headers["x-api-key"] = API_KEY

    def _read_base_url(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            found = re.search(r"(http://\S+)/api/v2", line)
            self.banner = line
            if found:
                return found.group(1)
        self.stop()
        self.log.seek(0)
        raise RuntimeError(f"jcmock serve did not start: {self.log.read()}")

    def request(self, method, path, **kwargs):
        """A request to ``/api/v2`` + path with the api key (override ``headers`` to drop it)."""
        return self.session.request(method, f"{self.api}{path}", timeout=10, **kwargs)

    def manifest(self):
        return requests.get(f"{self.url}/__jcmock__/fixtures", timeout=10).json()

    def reset(self):
        requests.post(f"{self.url}/__jcmock__/reset", timeout=10).raise_for_status()

    def stderr(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.fixture
def server(live_server):
    """The session's live server, back at its fixtures."""
    live_server.reset()
    return live_server


@pytest.fixture(scope="session")
def manifest(live_server):
    return live_server.manifest()
