"""Replay mode: answer service requests from cassettes, and optionally go on statefully.

With ``fallback="mock"``, a request that matches nothing goes to the stateful mock,
whose store was seeded first from the objects in the cassettes' recorded GET and
PATCH answers and then from the fixtures, so a recorded session can continue.
"""
import json
import logging
from urllib.parse import urlsplit

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from ..core.backend import PRIVATE_PREFIX
from ..core.errors import ApiError
from ..core.http import render, request_state
from . import exchange
from .player import NoMatch

log = logging.getLogger("jcmock.replay")

FALLBACKS = ("none", "mock")


def default_repeat(fallback):
    """With the mock behind it, a request replayed as often as recorded goes on to the mock (strict):
    a recorded GET must not hide what a later PATCH changed. Without it, the last answer repeats."""
    return "strict" if fallback == "mock" else "last"


def no_match_response(miss: NoMatch):
    """A 404 JSON answer holding the request as understood and the nearest recorded interactions."""
    return render({"code": 404, "status": "Not Found", **miss.to_dict()}, 404)


READS = frozenset({"GET", "HEAD"})


class MockOwnedPaths:
    """The objects the mock has written, whose recorded reads would now be stale.

    Once the mock answers a write to ``/a/b/{id}``, reads of that path and of every path
    below it, and of its collection ``/a/b``, go to the mock too. Lookups walk the read's
    ancestors, so they cost the path's depth, not the number of writes.
    """

    def __init__(self):
        self._objects = set()
        self._collections = set()

    def clear(self):
        self._objects.clear()
        self._collections.clear()

    def wrote(self, path):
        path = path.rstrip("/")
        self._objects.add(path)
        self._collections.add(path.rsplit("/", 1)[0])

    def owns(self, path):
        path = path.rstrip("/")
        if path in self._collections:
            return True
        while path:
            if path in self._objects:
                return True
            path = path.rsplit("/", 1)[0]
        return False


class Replayer:
    """Answers service requests from a Player; unmatched ones 404 or fall back to the mock.

    ``on_miss(miss)``, when given, answers an unmatched request instead of the 404 (the
    in-process mode raises ``NoMatch`` in the caller through it).
    """

    def __init__(self, player, *, fallback="none", on_miss=None):
        if fallback not in FALLBACKS:
            raise ValueError(f"fallback must be one of {', '.join(FALLBACKS)}, not {fallback!r}")
        self.player = player
        self.fallback = fallback
        self.on_miss = on_miss
        self.mock_owned = MockOwnedPaths()

    def reset(self):
        """Rewind: every request starts again from its first recorded answer."""
        self.player.reset()
        self.mock_owned.clear()

    def handle(self, request):
        # A cassette holds no credential (it was redacted), so any one the service accepts will do.
        request_state().service.authenticate(request.headers, ())
        if request.method in READS and self.mock_owned.owns(request.path):
            return None
        try:
            return exchange.to_flask(self.player.play(exchange.from_flask(request)))
        except NoMatch as miss:
            if self.fallback == "mock":
                log.info("no recorded match, answered by the mock: %s %s", request.method, request.path)
                if request.method not in READS:
                    self.mock_owned.wrote(request.path)
                return None
            log.warning("%s", miss)
            return self.on_miss(miss) if self.on_miss is not None else no_match_response(miss)


def seed_from_interactions(app, interactions):
    """Put the objects of recorded 200 answers to GET and PATCH into the mock's store.

    Each tenant is seeded from the fixtures first, so recorded objects win over fixture
    objects with the same id. Returns how many objects were stored.
    """
    state = app.extensions["jcmock"]
    adapter = app.url_map.bind("localhost")
    stored = 0
    for interaction in interactions:
        request, response = interaction.request, interaction.response
        if request.method not in ("GET", "PATCH") or response.status != 200:
            continue
        url = urlsplit(request.uri)
        service = state.services.for_path(url.path)
        try:
            endpoint, view_args = adapter.match(url.path, method=request.method)
            body = json.loads(response.body)
            tenant = service.tenant(url.path, _headers(request), url.netloc) if service else None
        except (HTTPException, ValueError, ApiError):
            continue
        seed_target = getattr(app.view_functions[endpoint], "seed_target", None)
        if service is None or seed_target is None:
            continue
        target = seed_target(view_args)
        backend = state.backends[service.name]
        tenant = backend.default_tenant if tenant is None else tenant
        backend.adopt_tenant(tenant)
        for doc in body if isinstance(body, list) else [body]:
            if isinstance(doc, dict) and isinstance(doc.get(target.id_field), str):
                backend.store.put(tenant, target.kind, doc[target.id_field], _merged(backend, tenant, target, doc))
                stored += 1
    return stored


def _headers(request):
    """A recorded request's headers (lists of values) as a case-insensitive mapping of the last value each."""
    return Headers([(name, values[-1]) for name, values in request.headers.items() if values])


def _merged(backend, tenant, target, doc):
    """The recorded object as it was answered, plus what answers never show: bookkeeping and secrets.

    A field the recorded answer lacks is gone (an unset default domain stays unset).
    """
    current = backend.store.get(tenant, target.kind, doc[target.id_field]) or {}
    kept = {k: v for k, v in current.items() if k.startswith(PRIVATE_PREFIX) or k in target.hidden}
    return {**kept, **doc}
