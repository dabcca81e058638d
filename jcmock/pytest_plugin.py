"""pytest fixtures for code that talks to the mocked APIs (registered through the ``pytest11`` entry point).

- ``jumpcloud``: an in-process mock (``mock_jumpcloud``), fresh for each test.
- ``jcmock_server``: a live ``jcmock serve`` of every service on a free port in a background
  thread, shared by the session and reset before each test; yields its base URL.
- ``jumpcloud_server``: the same, for JumpCloud clients.
- ``okta``: an in-process Okta (``mock_okta``) for ``requests`` and ``aiohttp``, fresh for each test.
- ``okta_server``: the same live server's base URL, for Okta clients (its orgUrl).
- ``scim``: an in-process SCIM 2.0 provider (``mock_scim``) at https://scim.example.test, fresh for each test.
- ``@pytest.mark.jumpcloud_cassette("name.yaml", **options)``: the test's ``requests``
  calls to JumpCloud are answered from ``name.yaml`` beside the test file, or else from the
  ``cassettes/`` directory (ini ``jcmock_cassettes``); see ``use_cassette``. The
  ``jumpcloud_cassette`` fixture gives the player, e.g. to check ``has_unplayed()``.
"""
import threading
from pathlib import Path

import pytest
import requests

from .core.server import base_url, make_server
from .core.store import Store
from .inprocess import mock_jumpcloud, mock_okta, mock_scim, use_cassette
from .services import create_app


def pytest_addoption(parser):
    parser.addini("jcmock_cassettes", "Directory of cassettes for jumpcloud_cassette marks", default="cassettes")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "jumpcloud_cassette(path, **options): answer JumpCloud calls from a cassette in process",
    )


class BackgroundServer:
    """``jcmock serve`` in a daemon thread of this process."""

    def __init__(self):
        self.app = create_app(store=Store())
        self.server = make_server(self.app, "127.0.0.1", 0)
        self.url = base_url(self.server)
        self.thread = threading.Thread(target=self.server.run, name="jcmock-server", daemon=True)
        self.thread.start()

    def reset(self):
        requests.post(f"{self.url}/__jcmock__/reset", timeout=10).raise_for_status()
        requests.delete(f"{self.url}/__jcmock__/requests", timeout=10).raise_for_status()
        requests.delete(f"{self.url}/__jcmock__/faults", timeout=10).raise_for_status()

    def close(self):
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture
def jumpcloud():
    """An in-process JumpCloud with a fresh store; yields the ``MockJumpCloud`` handle."""
    with mock_jumpcloud() as handle:
        yield handle


@pytest.fixture(scope="session")
def _jcmock_background_server():
    server = BackgroundServer()
    yield server
    server.close()


@pytest.fixture
def jcmock_server(_jcmock_background_server):
    """The base URL of a live jcmock serving every service (``http://127.0.0.1:PORT``), back at its
    fixtures for each test."""
    _jcmock_background_server.reset()
    return _jcmock_background_server.url


@pytest.fixture
def jumpcloud_server(jcmock_server):
    """``jcmock_server``, for JumpCloud clients: its API is under ``/api/v2``."""
    return jcmock_server


@pytest.fixture
def okta():
    """An in-process Okta (every Okta domain its own org) with a fresh store; yields the ``MockOkta`` handle."""
    with mock_okta() as handle:
        yield handle


@pytest.fixture
def okta_server(jcmock_server):
    """``jcmock_server``, for Okta clients: it is an SDK's orgUrl (the API is under ``/api/v1``)."""
    return jcmock_server


@pytest.fixture
def scim():
    """An in-process SCIM 2.0 provider at ``https://scim.example.test`` with a fresh store; yields its handle."""
    with mock_scim() as handle:
        yield handle


@pytest.fixture(autouse=True)
def jumpcloud_cassette(request):
    """The cassette player of a ``jumpcloud_cassette``-marked test (None for other tests)."""
    marker = request.node.get_closest_marker("jumpcloud_cassette")
    if marker is None:
        yield None
        return
    if not marker.args:
        raise pytest.UsageError("jumpcloud_cassette needs a cassette name")
    name = Path(marker.args[0])
    candidates = [name] if name.is_absolute() else [
        Path(request.node.fspath).parent / name,
        Path(request.config.rootpath) / request.config.getini("jcmock_cassettes") / name,
    ]
    path = next((c for c in candidates if c.exists()), None)
    if path is None:
        raise pytest.UsageError(f"cassette {name} not found; looked at {', '.join(map(str, candidates))}")
    with use_cassette(path, **marker.kwargs) as player:
        yield player
