"""What tests share, imported by name (``from helpers import LiveServer``), never from a conftest."""
from pathlib import Path

import requests

from jcmock.process import JcmockProcess

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
API_KEY = "test-key-0123456789"


class LiveServer(JcmockProcess):
    """A `jcmock serve` (or record, replay) subprocess with a session that sends JumpCloud's api key."""

    def __init__(self, tmp_path, *extra_args, command="serve"):
        self.db = tmp_path / "db.json"
        args = ["--db", str(self.db)] if command == "serve" else []
        super().__init__(command, *args, *extra_args, log_path=tmp_path / f"{command}.err", start_timeout=30)
        self.session = requests.Session()
        self.session.headers["x-api-key"] = API_KEY

    def request(self, method, path, **kwargs):
        """A request to ``/api/v2`` + path with the api key (override ``headers`` to drop it)."""
        return self.session.request(method, f"{self.bases['jumpcloud']}{path}", timeout=10, **kwargs)

    def manifest(self):
        return requests.get(f"{self.url}/__jcmock__/fixtures", timeout=10).json()

    def reset(self):
        requests.post(f"{self.url}/__jcmock__/reset", timeout=10).raise_for_status()


# --- the bad-input tables (one per service) share these --------------------------------------


def nested(depth, opening=b"[", closing=b"]", inner=b""):
    """A body nested ``depth`` levels deep."""
    return opening * depth + inner + closing * depth


def admin_state(server):
    """The whole store, as ``GET /__jcmock__/state`` dumps it."""
    response = requests.get(f"{server.url}/__jcmock__/state", timeout=10)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def assert_healthy(server):
    response = requests.get(f"{server.url}/__jcmock__/health", timeout=10)
    assert response.status_code == 200 and response.json()["status"] == "ok"


def restore_if_changed(server):
    """Whether the store differs from ``server.initial_state``; if so, put it back, so one bad case fails alone."""
    if admin_state(server) == server.initial_state:
        return False
    requests.put(f"{server.url}/__jcmock__/state", json=server.initial_state, timeout=10).raise_for_status()
    return True
