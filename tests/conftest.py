"""Shared fixtures: a live `jcmock serve` on a free port, reset before each test that uses it."""
import pytest

from helpers import LiveServer


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
