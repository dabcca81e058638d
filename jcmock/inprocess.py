"""In-process mode: ``requests`` calls to JumpCloud answered inside the test process.

A private ``responses.RequestsMock`` routes calls for the JumpCloud hosts into a
jcmock app (``mock_jumpcloud``) or a cassette player (``use_cassette``), the way moto
serves AWS calls. It never touches the user's own ``responses`` mocks: calls to other
hosts are handed to whatever was answering before (an outer mock), or refused with a
clear ConnectionError, or let through with ``passthrough=True``.
"""
import abc
import functools
import json
import inspect
import io
import re
import sys
from urllib.parse import unquote_to_bytes, urlsplit

import requests
import responses

from .app import create_app
from .cassette import Cassette, Request
from .errors import Unauthorized
from .faults import ConnectionDropped
from .fixtures import Fixtures
from .journal import template_regex
from .matchers import DEFAULT_MATCHERS, diff_json
from .player import Player
from .replay import READS, MockOwnedPaths, default_repeat, seed_from_interactions
from .store import Store

DEFAULT_BASE_URL = "https://console.jumpcloud.com"
EU_BASE_URL = "https://console.eu.jumpcloud.com"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


class DroppedConnection(requests.ConnectionError):
    """A connection dropped by fault injection, as ``requests`` reports it over HTTP too."""


def call_app(app, prepared):
    """Serve a ``requests.PreparedRequest`` with a WSGI app; returns ``(status, headers, body)``.

    The WSGI environ is built directly: werkzeug's test client would double the cost of a call.
    """
    url = urlsplit(prepared.url)
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    environ = {
        "REQUEST_METHOD": prepared.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(url.path or "/").decode("latin-1"),
        "QUERY_STRING": url.query,
        "SERVER_NAME": url.hostname or "localhost",
        "SERVER_PORT": str(url.port or (443 if url.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": url.scheme or "https",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    for name, value in prepared.headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ[f"HTTP_{key}"] = value
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = int(status.split(" ", 1)[0]), headers

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    except ConnectionDropped as exc:
        raise DroppedConnection(f"jcmock: {exc}", request=prepared)
    finally:
        getattr(result, "close", lambda: None)()
    headers = {k: v for k, v in started["headers"] if k.lower() != "content-length"}
    return started["status"], headers, content


class _Interception(abc.ABC):
    """A context manager and decorator (functions and test classes) around a private RequestsMock.

    Each ``with`` block or decorated call gets a fresh instance (``_fresh``), so state never
    leaks from one test into the next.
    """

    def __init__(self, base_url=DEFAULT_BASE_URL, passthrough=False):
        self.base_url = base_url.rstrip("/")
        self.passthrough = passthrough
        self._mock = None

    @property
    def hosts(self):
        return tuple(dict.fromkeys((self.base_url, EU_BASE_URL)))

    @abc.abstractmethod
    def _fresh(self):
        """A new, unstarted instance with the same options (for each decorated call)."""

    @abc.abstractmethod
    def _answer(self, prepared):
        """``(status, headers, body)`` for a call to a JumpCloud host."""

    def start(self):
        current_send = requests.adapters.HTTPAdapter.send
        mock = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=current_send)
        ours = "|".join(re.escape(host) + r"(?:[/?#]|$)" for host in self.hosts)
        for method in METHODS:
            mock.add_callback(method, re.compile(f"(?:{ours})"), callback=self._answer)
        # Another mock (the user's responses, an outer jcmock) was answering before us: it keeps
        # answering what is not JumpCloud's.
        delegate = current_send is not responses._real_send
        if delegate or self.passthrough:
            mock.add_passthru(re.compile(".*"))
        else:
            # Registrations must not overlap: responses pops the first of two matches.
            for method in METHODS:
                mock.add_callback(method, re.compile(f"(?!{ours})"), callback=self._refuse)
        mock.start()
        self._mock = mock
        return self

    def stop(self):
        if self._mock is not None:
            self._mock.stop()
            self._mock = None

    def _refuse(self, prepared):
        raise requests.ConnectionError(
            f"jcmock: {prepared.method} {prepared.url} is not a JumpCloud host ({', '.join(self.hosts)}); "
            "pass passthrough=True to let other hosts through", request=prepared,
        )

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def __call__(self, target):
        if inspect.isclass(target):
            for name, member in list(vars(target).items()):
                if name.startswith("test") and callable(member):
                    setattr(target, name, self(member))
            return target

        @functools.wraps(target)
        def wrapper(*args, **kwargs):
            with self._fresh():
                return target(*args, **kwargs)

        return wrapper


class StoreView:
    """Seed and read the objects of an in-process mock, per organization (default: the default org).

    Documents are as stored: fields starting with ``__`` are jcmock's bookkeeping
    (a user's push endpoints, an integration's mappings and settings). An organization the
    mock does not hold raises ``jcmock.errors.NotFound`` (a LookupError): add it first.
    """

    def __init__(self, backend):
        self._backend = backend

    def _org(self, org):
        org = org or self._backend.fixtures.default_org
        self._backend.require_org(org)
        return org

    def get(self, kind, obj_id, org=None):
        return self._backend.store.get(self._org(org), kind, obj_id)

    def all(self, kind, org=None):
        return self._backend.store.all(self._org(org), kind)

    def put(self, kind, doc, org=None, id_field="id"):
        """Store ``doc`` under its own id (``id_field``) and return that id."""
        self._backend.store.put(self._org(org), kind, doc[id_field], doc)
        return doc[id_field]

    def delete(self, kind, obj_id, org=None):
        return self._backend.store.delete(self._org(org), kind, obj_id)


class MockJumpCloud(_Interception):
    """The handle ``mock_jumpcloud()`` yields: the app, its store, its journal and its faults."""

    def __init__(self, base_url=DEFAULT_BASE_URL, fixtures=None, passthrough=False, seed=None):
        super().__init__(base_url, passthrough)
        self._fixtures_arg = fixtures
        self._seed = seed
        fixture_set = fixtures if isinstance(fixtures, Fixtures) else Fixtures.from_dir(fixtures)
        self.app = create_app({"JCMOCK_SEED": seed}, store=Store(), fixtures=fixture_set)
        self.backend = self.app.extensions["jcmock"]
        self.store = StoreView(self.backend)

    def _fresh(self):
        return MockJumpCloud(self.base_url, self._fixtures_arg, self.passthrough, self._seed)

    def _answer(self, prepared):
        return call_app(self.app, prepared)

    @property
    def calls(self):
        """The journal: every call made to the mock, oldest first (``jcmock.journal.Call``)."""
        return self.app.extensions["jcmock_journal"].calls()

    def add_organization(self, name, org_id=None):
        """Add an organization seeded from the fixtures, as ``POST /__jcmock__/organizations``; answers its record."""
        return self.backend.add_org(org_id, name)

    def reset(self):
        """Back to the fixtures (added organizations stay), with an empty journal and no faults."""
        self.backend.reset()
        self.app.extensions["jcmock_journal"].clear()
        self.app.extensions["jcmock_faults"].clear()

    def fault(self, method="*", path="*", **fields):
        """Inject a fault (see ``jcmock.faults.Fault``); ``path`` is a glob or an ``{id}`` template.

        Raises ``jcmock.errors.BadRequest`` (a ValueError) for unknown fields or wrong types.
        """
        return self.app.extensions["jcmock_faults"].add(method=method, path=path, **fields)

    def assert_called(self, method, path_template, json=None, times=None):
        """Assert calls were made to ``method path_template`` (``{id}`` matches one segment).

        ``json``: only calls with this body count; ``times``: exactly this many (default: at least one).
        The failure message lists the calls that were made and how their bodies differ.
        """
        pattern = template_regex(path_template)
        calls = self.calls
        routed = [c for c in calls if c.method == method.upper() and pattern.match(c.path)]
        matching = [c for c in routed if json is None or c.body == json]
        if (times is None and matching) or (times is not None and len(matching) == times):
            return matching
        wanted = f"{method.upper()} {path_template}" + (f" with body {json!r}" if json is not None else "")
        lines = [f"expected {wanted} {'at least once' if times is None else f'{times} time(s)'}, "
                 f"found {len(matching)}"]
        if json is not None:
            for call in routed:
                lines.append(f"  {call.method} {call.path}: " + "; ".join(diff_json(json, call.body) or ["same body"]))
        made = [f"  {c.method} {c.path} -> {c.status}" for c in calls] or ["  none"]
        raise AssertionError("\n".join([*lines, "calls made:", *made]))


def mock_jumpcloud(base_url=DEFAULT_BASE_URL, fixtures=None, passthrough=False, seed=None):
    """Route ``requests`` calls for JumpCloud into a fresh in-process mock.

    Use as ``with mock_jumpcloud() as jc:`` or as a decorator on test functions and classes.
    """
    return MockJumpCloud(base_url, fixtures, passthrough, seed)


class CassettePlayer(_Interception):
    """The handle ``use_cassette()`` yields; ``player`` tells what was played."""

    def __init__(self, paths, *, repeat=None, ignore_fields=(), fallback="none", matchers=DEFAULT_MATCHERS,
                 base_url=DEFAULT_BASE_URL, passthrough=False, fixtures=None):
        repeat = repeat or default_repeat(fallback)
        super().__init__(base_url, passthrough)
        self._args = dict(repeat=repeat, ignore_fields=ignore_fields, fallback=fallback, matchers=matchers,
                          base_url=base_url, passthrough=passthrough, fixtures=fixtures)
        self.paths = [paths] if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__") else list(paths)
        self.player = Player([Cassette.load(p) for p in self.paths], repeat=repeat, ignore_fields=ignore_fields,
                             matchers=matchers)
        self.mock = None
        self.mock_owned = MockOwnedPaths()
        if fallback == "mock":
            self.mock = MockJumpCloud(base_url, fixtures)
            seed_from_interactions(self.mock.app, self.player.interactions)
        elif fallback != "none":
            raise ValueError(f"fallback must be 'none' or 'mock', not {fallback!r}")

    def _fresh(self):
        return CassettePlayer(self.paths, **self._args)

    def _answer(self, prepared):
        if not prepared.headers.get("x-api-key"):
            error = Unauthorized("Unauthorized: missing x-api-key header")
            return error.code, {"Content-Type": "application/json"}, json.dumps(error.to_dict())
        body = prepared.body.encode("utf-8") if isinstance(prepared.body, str) else prepared.body
        request = Request(prepared.method, prepared.url, body or None,
                          {k: [v] for k, v in prepared.headers.items()})
        path = urlsplit(prepared.url).path
        if self.mock is not None and prepared.method in READS and self.mock_owned.owns(path):
            return self.mock._answer(prepared)
        try:
            recorded = self.player.play(request)
        except LookupError:
            if self.mock is None:
                raise
            if prepared.method not in READS:
                self.mock_owned.wrote(path)
            return self.mock._answer(prepared)
        headers = {k: v[-1] for k, v in recorded.headers.items() if k.lower() not in ("content-length",
                                                                                      "transfer-encoding")}
        return recorded.status, headers, recorded.body


def use_cassette(paths, **options):
    """Answer ``requests`` calls to JumpCloud from cassettes, in process.

    Options as ``jcmock replay``: ``repeat``, ``ignore_fields``, ``fallback`` ("mock" goes on
    statefully), plus ``base_url`` and ``passthrough``. A request that matches nothing raises
    ``jcmock.player.NoMatch`` with the nearest recorded interactions and how they differ.
    """
    return CassettePlayer(paths, **options)
