"""In-process mode: ``requests`` calls to the mocked APIs answered inside the test process.

A private ``responses.RequestsMock`` routes calls for the services' hosts into a jcmock app
(``mock``, ``mock_jumpcloud``), with a cassette player in front for ``use_cassette``, the way
moto serves AWS calls. It never touches the user's own ``responses`` mocks: calls to other
hosts are handed to whatever was answering before (an outer mock), or refused with a clear
ConnectionError, or let through with ``passthrough=True``.
"""
import abc
import functools
import inspect
import io
import re
import sys
import threading
from urllib.parse import unquote_to_bytes, urlsplit

import requests
import responses
from werkzeug.test import EnvironBuilder, run_wsgi_app

from .core.faults import ConnectionDropped
from .core.journal import template_regex
from .core.store import Store
from .recording.cassette import Cassette
from .recording.matchers import DEFAULT_MATCHERS, diff_json
from .recording.player import Player
from .recording.replayer import Replayer, default_repeat, no_match_response, seed_from_interactions
from .services import create_app, select

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
    # A list, so repeated headers stay apart (Okta's two Link lines: requests' ``response.links``
    # sees both) and responses sees our Content-Type (it checks dicts and lists only).
    headers = [(k, v) for k, v in started["headers"] if k.lower() != "content-length"]
    return started["status"], headers, content


class _Interception(abc.ABC):
    """A context manager and decorator (functions and test classes) around a private RequestsMock.

    Each ``with`` block or decorated call gets a fresh instance (``_fresh``), so state never
    leaks from one test into the next.
    """

    def __init__(self, hosts, passthrough=False):
        self.hosts = tuple(hosts)  # regexes of the origins answered, e.g. r"https://console\.jumpcloud\.com"
        self.passthrough = passthrough
        self._mock = None

    @abc.abstractmethod
    def _fresh(self):
        """A new, unstarted instance with the same options (for each decorated call)."""

    @abc.abstractmethod
    def _answer(self, prepared):
        """``(status, headers, body)`` for a call to one of ``hosts``."""

    def start(self):
        current_send = requests.adapters.HTTPAdapter.send
        mock = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=current_send)
        ours = "|".join(f"(?:{host})" + r"(?:[/?#]|$)" for host in self.hosts)
        for method in METHODS:
            mock.add_callback(method, re.compile(f"(?:{ours})"), callback=self._answer)
        # Another mock (the user's responses, an outer jcmock) was answering before us: it keeps
        # answering what is not ours.
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
            f"jcmock: {prepared.method} {prepared.url} is not a mocked host ({', '.join(self.hosts)}); "
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
    """Seed and read the objects of one service of an in-process mock, per tenant (default: the default one).

    Documents are as stored: fields starting with ``__`` are the backend's bookkeeping (a
    JumpCloud user's push endpoints, an integration's mappings and settings). A tenant the
    mock does not hold raises ``jcmock.core.errors.NotFound`` (a LookupError): add it first.
    """

    def __init__(self, backend):
        self._backend = backend

    def _org(self, org):
        org = org or self._backend.default_tenant
        self._backend.ensure_tenant(org)
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


class ServiceView:
    """One service of a handle: its store, its calls, its assertions."""

    def __init__(self, handle, service):
        self._handle = handle
        self.service = service
        self.backend = handle.app.extensions["jcmock"].backends[service.name]
        self.store = StoreView(self.backend)

    @property
    def calls(self):
        """The journal of this service: every call made to it, oldest first (``jcmock.core.journal.Call``)."""
        return self._handle.app.extensions["jcmock"].journal.calls(service=self.service.name)

    def assert_called(self, method, path_template, json=None, times=None):
        """Assert calls were made to ``method path_template`` (``{id}`` matches one segment).

        ``path_template`` may leave out the service's first prefix (``/gsuites/{id}``).
        ``json``: only calls with this body count; ``times``: exactly this many (default: at least one).
        The failure message lists the calls that were made and how their bodies differ.
        """
        pattern = template_regex(path_template, self.service.prefixes[0])
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


class MockServices(_Interception):
    """The handle ``mock()`` yields: one app serving the named services, with its journal and faults.

    ``handle["okta"]`` is one service's view (``store``, ``calls``, ``assert_called``); the
    handle itself answers those for its first service.
    """

    def __init__(self, *names, base_urls=None, fixtures=None, passthrough=False, seed=None):
        self._args = dict(base_urls=base_urls, fixtures=fixtures, passthrough=passthrough, seed=seed)
        self._names = names
        services = select(names)
        base_urls = dict(base_urls or {})
        unknown = set(base_urls) - {s.name for s in services}
        if unknown:
            raise ValueError(f"base_urls names services this mock does not serve: {', '.join(sorted(unknown))}")
        hosts = []
        for service in services:
            if service.name in base_urls:
                hosts.append(re.escape(base_urls[service.name].rstrip("/")))
            elif service.hosts:
                hosts.extend(service.hosts)
            else:
                raise ValueError(f"{service.name} has no public host: pass base_urls={{{service.name!r}: URL}}")
        super().__init__(hosts, passthrough)
        config, loaded = {"JCMOCK_SEED": seed}, {}
        if isinstance(fixtures, dict):
            loaded = fixtures
        elif fixtures is not None:
            config["JCMOCK_FIXTURES"] = fixtures
        self.app = create_app(config, services=[s.name for s in services], store=Store(), fixtures=loaded,
                              interceptor=self._interceptor())
        self.state = self.app.extensions["jcmock"]
        self._views = {s.name: ServiceView(self, s) for s in services}
        self._primary = self._views[services[0].name]
        self.backend = self._primary.backend
        self.store = self._primary.store

    def _interceptor(self):
        """What answers before the mock: nothing here, a cassette player in ``CassettePlayer``."""
        return None

    def __getitem__(self, name):
        try:
            return self._views[name]
        except KeyError:
            raise KeyError(f"this mock serves {', '.join(self._views)}, not {name!r}") from None

    def _fresh(self):
        return type(self)(*self._names, **self._args)

    def _answer(self, prepared):
        return call_app(self.app, prepared)

    @property
    def calls(self):
        """The journal: every call made to the mock, oldest first (``jcmock.core.journal.Call``)."""
        return self.state.journal.calls()

    def assert_called(self, method, path_template, json=None, times=None):
        """As ``ServiceView.assert_called``, for the first service."""
        return self._primary.assert_called(method, path_template, json=json, times=times)

    def reset(self):
        """Back to the fixtures (added tenants stay), with an empty journal and no faults."""
        self.state.reset()
        self.state.journal.clear()
        self.state.faults.clear()

    def fault(self, method="*", path="*", **fields):
        """Inject a fault (see ``jcmock.core.faults.Fault``); ``path`` is a glob or an ``{id}`` template.

        Raises ``jcmock.core.errors.BadRequest`` (a ValueError) for unknown fields or wrong types.
        """
        return self.state.faults.add(method=method, path=path, **fields)

    def add_organization(self, name, org_id=None):
        """Add a tenant to the first service, as ``POST /__jcmock__/organizations``; answers its record."""
        fields = {"name": name} if org_id is None else {"id": org_id, "name": name}
        return self.backend.add_tenant(fields)


def mock(*services, base_urls=None, fixtures=None, passthrough=False, seed=None):
    """Route ``requests`` calls for the named services (default: all) into one fresh in-process mock.

    ``base_urls`` maps a service name to the origin it answers for instead of its public hosts
    (required for a service without one, such as SCIM). ``fixtures`` is a folder (``DIR/<service>/``)
    or ``{service: loaded fixtures}``. Use as ``with jcmock.mock("jumpcloud") as m:`` or as a
    decorator on test functions and classes.
    """
    return MockServices(*services, base_urls=base_urls, fixtures=fixtures, passthrough=passthrough, seed=seed)


def mock_jumpcloud(base_url=None, fixtures=None, passthrough=False, seed=None):
    """Route ``requests`` calls for JumpCloud into a fresh in-process mock.

    Use as ``with mock_jumpcloud() as jc:`` or as a decorator on test functions and classes.
    ``base_url`` replaces JumpCloud's hosts (console.jumpcloud.com and its EU twin).
    """
    return MockServices("jumpcloud", base_urls={"jumpcloud": base_url} if base_url else None, fixtures=fixtures,
                        passthrough=passthrough, seed=seed)


# --- SCIM 2.0 -----------------------------------------------------------------------------------

def mock_scim(base_url=None, fixtures=None, passthrough=False, seed=None):
    """Route ``requests`` calls for a SCIM 2.0 provider (StackSpot IAM's types) into a fresh in-process mock.

    SCIM has no public host, so the mock answers for ``base_url``'s origin (default
    ``https://scim.example.test``) under ``/scim``, ``/scim/v2`` and ``/<tenant>/scim``.
    Use as ``with mock_scim() as scim:`` or as a decorator on test functions and classes.
    """
    (service,) = select(["scim"])
    return MockServices("scim", base_urls={"scim": base_url or service.default_base_url}, fixtures=fixtures,
                        passthrough=passthrough, seed=seed)


# --- Okta: requests and aiohttp (Okta's Python SDK is built on aiohttp) --------------------------

class MockOkta(MockServices):
    """The handle ``mock_okta()`` yields: Okta answered in process for ``requests`` and ``aiohttp``.

    ``aiohttp`` calls are intercepted with a private ``aioresponses`` and served by the same app as
    ``requests`` calls. Answers keep repeated headers apart (Okta's two ``Link`` lines), so
    aiohttp's ``response.links`` sees both relations. ``store`` defaults to the org of ``domain``.
    """

    def __init__(self, domain=None, fixtures=None, passthrough=False, seed=None):
        self._okta_args = dict(domain=domain, fixtures=fixtures, passthrough=passthrough, seed=seed)
        base_urls = {"okta": f"https://{domain}"} if domain else None
        super().__init__("okta", base_urls=base_urls, fixtures=fixtures, passthrough=passthrough, seed=seed)
        view = self._views["okta"]
        self.domain = domain or self.backend.default_tenant
        self.base_url = f"https://{self.domain}"
        org = view.service.tenant("/", {}, self.domain) or self.backend.default_tenant
        self.store = view.store = _OrgStoreView(self.backend, org)
        self._aiohttp = None

    def _fresh(self):
        return MockOkta(**self._okta_args)

    def start(self):
        try:
            from aioresponses import aioresponses
        except ImportError:
            raise ImportError("jcmock.mock_okta intercepts aiohttp with aioresponses: "
                              "pip install aioresponses") from None
        super().start()
        ours = re.compile("|".join(f"(?:{host})" + r"(?:[/?#].*)?$" for host in self.hosts))
        self._aiohttp = aioresponses(passthrough_unmatched=self.passthrough)
        self._aiohttp.start()
        for method in METHODS:
            self._aiohttp.add(ours, method, callback=functools.partial(self._answer_aiohttp, method), repeat=True)
        return self

    def stop(self):
        if self._aiohttp is not None:
            self._aiohttp.stop()
            self._aiohttp = None
        super().stop()

    def _serve(self, method, url, headers, body):
        """``(status, werkzeug Headers, body)`` of one call; a dropped connection raises ConnectionDropped."""
        split = urlsplit(url)
        if isinstance(body, str):
            body = body.encode("utf-8")
        environ = EnvironBuilder(method=method, base_url=f"{split.scheme}://{split.netloc}", path=split.path or "/",
                                 query_string=split.query, headers=list(headers.items()), data=body or b"",
                                 environ_overrides={"REMOTE_ADDR": "127.0.0.1"}).get_environ()
        content, status, answered = run_wsgi_app(self.app, environ, buffered=True)
        answered.remove("Content-Length")
        return int(status.split(" ", 1)[0]), answered, b"".join(content)

    def _answer(self, prepared):
        try:
            status, headers, body = self._serve(prepared.method, prepared.url, prepared.headers, prepared.body)
        except ConnectionDropped as exc:
            raise DroppedConnection(f"jcmock: {exc}", request=prepared) from None
        return status, headers.to_wsgi_list(), body  # a list: see call_app

    def _answer_aiohttp(self, method, url, **kwargs):
        """aioresponses' callback: the call as ``requests`` would send it, served by the same app."""
        import aiohttp
        from aioresponses import CallbackResult
        from multidict import CIMultiDict

        prepared = requests.Request(method, str(url), headers=dict(kwargs.get("headers") or {}),
                                    data=kwargs.get("data"), json=kwargs.get("json")).prepare()
        try:
            status, headers, body = self._serve(method, prepared.url, prepared.headers, prepared.body)
        except ConnectionDropped as exc:
            raise aiohttp.ServerDisconnectedError(f"jcmock: {exc}") from None
        return CallbackResult(method=method, status=status, body=body, headers=CIMultiDict(headers.to_wsgi_list()),
                              content_type=headers.get("Content-Type", ""), response_class=_aiohttp_response_class())


@functools.cache
def _aiohttp_response_class():
    """aiohttp's ClientResponse, taking the ``stream_writer`` aiohttp 3.14 requires and aioresponses 0.7.9
    does not pass (aioresponses#289): a sent request's writer only reports how many bytes went out."""
    import aiohttp

    if "stream_writer" not in inspect.signature(aiohttp.ClientResponse.__init__).parameters:
        return aiohttp.ClientResponse

    class _Sent:
        output_size = 0

    class ClientResponse(aiohttp.ClientResponse):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("stream_writer", _Sent())
            super().__init__(*args, **kwargs)

    return ClientResponse


class _OrgStoreView(StoreView):
    """A StoreView whose default tenant is the mocked domain's org, not the fixtures' default."""

    def __init__(self, backend, org):
        super().__init__(backend)
        self._default_org = org

    def _org(self, org):
        return super()._org(org or self._default_org)


def mock_okta(domain=None, fixtures=None, passthrough=False, seed=None):
    """Route ``requests`` and ``aiohttp`` calls for Okta into a fresh in-process mock.

    ``domain`` (``"acme.okta.com"``) is the one org answered; by default every Okta host is
    (``*.okta.com``, ``*.oktapreview.com``, ``*.okta-emea.com``), each its own org. Use as
    ``with mock_okta() as okta:`` or as a decorator on test functions and classes.
    """
    return MockOkta(domain=domain, fixtures=fixtures, passthrough=passthrough, seed=seed)


class CassettePlayer(MockServices):
    """The handle ``use_cassette()`` yields: the same app, with the cassettes answering first.

    Journal, faults and auth work as in ``mock()``; ``player`` tells what was played. A request
    that matches nothing raises ``NoMatch`` in the caller (or, with ``fallback="mock"``, goes on
    to the stateful mock, seeded from the cassettes' recorded answers).
    """

    def __init__(self, paths, *, repeat=None, ignore_fields=(), fallback="none", matchers=DEFAULT_MATCHERS,
                 services=(), base_urls=None, base_url=None, passthrough=False, fixtures=None):
        self.paths = [paths] if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__") else list(paths)
        self._cassette_args = dict(repeat=repeat, ignore_fields=ignore_fields, fallback=fallback, matchers=matchers,
                                   services=services, base_urls=base_urls, base_url=base_url,
                                   passthrough=passthrough, fixtures=fixtures)
        repeat = repeat or default_repeat(fallback)
        self.player = Player([Cassette.load(p) for p in self.paths], repeat=repeat, ignore_fields=ignore_fields,
                             matchers=matchers)
        self._replayer = Replayer(self.player, fallback=fallback, on_miss=self._missed)
        self._misses = threading.local()
        if base_url:
            base_urls = {**(base_urls or {}), "jumpcloud": base_url}
        super().__init__(*(services or ("jumpcloud",)), base_urls=base_urls, fixtures=fixtures,
                         passthrough=passthrough)
        if fallback == "mock":
            seed_from_interactions(self.app, self.player.interactions)

    def _interceptor(self):
        return self._replayer

    def _fresh(self):
        return CassettePlayer(self.paths, **self._cassette_args)

    def _missed(self, miss):
        """Answer the no-match 404 (so the mock never acts on it), then raise in the caller."""
        self._misses.last = miss
        return no_match_response(miss)

    def _answer(self, prepared):
        self._misses.last = None
        answer = call_app(self.app, prepared)
        if self._misses.last is not None:
            raise self._misses.last
        return answer


def use_cassette(paths, **options):
    """Answer ``requests`` calls to JumpCloud (or the ``services`` named) from cassettes, in process.

    Options as ``jcmock replay``: ``repeat``, ``ignore_fields``, ``fallback`` ("mock" goes on
    statefully), plus ``base_url``/``base_urls``, ``services`` and ``passthrough``. A request that
    matches nothing raises ``jcmock.NoMatch`` with the nearest recorded interactions and how they differ.
    """
    return CassettePlayer(paths, **options)


# The name ``mock_jumpcloud()``'s handle had before services, kept for code that names it.
MockJumpCloud = MockServices
