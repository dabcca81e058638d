"""The request journal: what clients sent and what they got, secrets masked.

Every request to a service is recorded in all three modes, so tests can assert on what their
code sent (``GET /__jcmock__/requests`` over HTTP, ``.calls`` in process).
"""
import json
import re
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from urllib.parse import parse_qsl

from flask import request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.exceptions import RequestEntityTooLarge

from ..recording.filters import REDACTED, fold, mask_headers, redact_json, secret_names
from .http import request_state


@dataclass(frozen=True)
class Call:
    """One request the app served; ``status`` 0 means the connection was dropped by a fault."""

    time: float
    service: str
    method: str
    path: str
    query: dict
    status: int
    duration_ms: float
    headers: dict
    body: object

    def to_dict(self):
        return asdict(self)


@dataclass(frozen=True)
class RawCall:
    """A request as served, its secrets masked only when it is first read (``masked``).

    Most journal entries are never read, so masking headers, query and body on every request
    (a tenth of a PATCH's cost) waits until someone asks for the journal.
    """

    time: float
    service: str
    method: str
    path: str
    query_string: bytes
    status: int
    duration_ms: float
    environ_headers: dict  # the request's HTTP_* and CONTENT_* environ entries: its headers, unnamed yet
    body: bytes | str  # the raw body, or what to record instead (it was over the limit)
    secret_fields: frozenset
    secret_headers: tuple
    redact_body: object = None  # the service's ``redact_body``, after the name-based redaction

    @cached_property
    def masked(self) -> Call:
        return Call(
            time=self.time, service=self.service, method=self.method, path=self.path,
            query={k: (REDACTED if fold(k) in self.secret_fields else v)
                   for k, v in parse_qsl(self.query_string.decode("latin-1"), keep_blank_values=True)},
            status=self.status, duration_ms=self.duration_ms,
            headers=mask_headers(dict(EnvironHeaders(self.environ_headers).items()), self.secret_headers),
            body=self.body if isinstance(self.body, str) else _masked_body(self.body, self.secret_fields,
                                                                           self.redact_body),
        )


class Journal:
    """A bounded, thread-safe list of Calls (recorded as Calls or RawCalls), oldest first."""

    def __init__(self, maxlen=10_000):
        self._calls = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def record(self, call: Call | RawCall):
        with self._lock:
            self._calls.append(call)

    def calls(self, method=None, path=None, service=None):
        """Calls, optionally only those with this method, a path matching a glob (``/api/v2/gsuites/*``)
        and of this service."""
        with self._lock:
            calls = list(self._calls)
        if service:
            calls = [c for c in calls if c.service == service]
        if method:
            calls = [c for c in calls if c.method == method.upper()]
        if path:
            calls = [c for c in calls if fnmatchcase(c.path, path)]
        return [c.masked if isinstance(c, RawCall) else c for c in calls]

    def clear(self):
        with self._lock:
            self._calls.clear()


def template_regex(template, prefix):
    """``/api/v2/gsuites/{id}`` (or ``/gsuites/{id}`` under ``prefix``) as a regex matching concrete paths."""
    if not template.startswith(prefix + "/"):
        template = prefix + template
    parts = re.split(r"(\{[^}]*\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "/?$")


def install(app, journal):
    """Record every service request of ``app`` into ``journal``, secrets masked (each service's own too)."""
    secrets = {s.name: (secret_names(fields=(*s.secret_fields, *s.secret_params), headers=s.secret_headers),
                        tuple(s.secret_headers), s.redact_body) for s in app.extensions["jcmock"].services}

    @app.after_request
    def record(response):
        state = request_state()
        if state.service is not None:
            secret_fields, secret_headers, redact_body = secrets[state.service.name]
            current = request._get_current_object()
            journal.record(RawCall(
                time=time.time(),
                service=state.service.name,
                method=current.method,
                path=current.path,
                query_string=current.query_string,
                status=0 if getattr(response, "jcmock_dropped", False) else response.status_code,
                duration_ms=round((time.perf_counter() - state.started) * 1000, 3),
                # Naming the headers (``request.headers``) waits, with the masking, until they are read.
                environ_headers={k: v for k, v in current.environ.items() if k.startswith(_HEADER_KEYS)},
                body=_raw_body(current),
                secret_fields=secret_fields,
                secret_headers=secret_headers,
                redact_body=redact_body,
            ))
        return response


# The environ keys ``EnvironHeaders`` makes headers of (it drops an empty CONTENT_TYPE or CONTENT_LENGTH).
_HEADER_KEYS = ("HTTP_", "CONTENT_TYPE", "CONTENT_LENGTH")


def _raw_body(current):
    try:
        return current.get_data(cache=True)
    except RequestEntityTooLarge:
        return f"<{current.content_length} bytes, over the body limit>"


def _masked_body(raw, secret_fields, redact_body):
    if not raw:
        return None
    try:
        document = json.loads(raw)
    except RecursionError:
        return f"<{len(raw)} bytes, nested too deeply to record>"
    except ValueError:
        # Not JSON, so its secrets cannot be found and masked: keep only its size.
        return f"<{len(raw)} bytes, not JSON>"
    try:
        document = redact_json(document, secret_fields)[0]
        return redact_body(document)[0] if redact_body is not None else document
    except RecursionError:
        return f"<{len(raw)} bytes, nested too deeply to record>"
