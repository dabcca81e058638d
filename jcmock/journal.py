"""The request journal: what clients sent and what they got, secrets masked.

Every /api request is recorded in all three modes, so tests can assert on what their
code sent (``GET /__jcmock__/requests`` over HTTP, ``.calls`` in process).
"""
import json
import re
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase
from urllib.parse import parse_qsl

from flask import g, request
from werkzeug.exceptions import RequestEntityTooLarge

from .filters import REDACTED, fold, mask_headers, redact_json, secret_names

SECRET_FIELDS = secret_names()


@dataclass(frozen=True)
class Call:
    """One request the app served; ``status`` 0 means the connection was dropped by a fault."""

    time: float
    method: str
    path: str
    query: dict
    status: int
    duration_ms: float
    headers: dict
    body: object

    def to_dict(self):
        return asdict(self)


class Journal:
    """A bounded, thread-safe list of Calls, oldest first."""

    def __init__(self, maxlen=10_000):
        self._calls = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def record(self, call: Call):
        with self._lock:
            self._calls.append(call)

    def calls(self, method=None, path=None):
        """Calls, optionally only those with this method and a path matching a glob (``/api/v2/gsuites/*``)."""
        with self._lock:
            calls = list(self._calls)
        if method:
            calls = [c for c in calls if c.method == method.upper()]
        if path:
            calls = [c for c in calls if fnmatchcase(c.path, path)]
        return calls

    def clear(self):
        with self._lock:
            self._calls.clear()


def template_regex(template):
    """``/api/v2/gsuites/{id}`` (or ``/gsuites/{id}``) as a regex matching concrete paths."""
    if not template.startswith("/api/"):
        template = "/api/v2" + template
    parts = re.split(r"(\{[^}]*\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "/?$")


def install(app, journal):
    """Record every /api request of ``app`` into ``journal``."""

    @app.before_request
    def start_clock():
        g.jcmock_started = time.perf_counter()

    @app.after_request
    def record(response):
        if request.path.startswith("/api/"):
            started = g.get("jcmock_started", time.perf_counter())
            journal.record(Call(
                time=time.time(),
                method=request.method,
                path=request.path,
                query={k: (REDACTED if fold(k) in SECRET_FIELDS else v)
                       for k, v in parse_qsl(request.query_string.decode("latin-1"), keep_blank_values=True)},
                status=0 if getattr(response, "jcmock_dropped", False) else response.status_code,
                duration_ms=round((time.perf_counter() - started) * 1000, 3),
                headers=mask_headers(dict(request.headers.items())),
                body=_body(),
            ))
        return response


def _body():
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        return f"<{request.content_length} bytes, over the body limit>"
    if not raw:
        return None
    try:
        # The view already decoded (and depth-checked) most bodies; the rest are decoded here.
        document = g.jcmock_json if "jcmock_json" in g else json.loads(raw)
    except RecursionError:
        return f"<{len(raw)} bytes, nested too deeply to record>"
    except ValueError:
        # Not JSON, so its secrets cannot be found and masked: keep only its size.
        return f"<{len(raw)} bytes, not JSON>"
    try:
        return redact_json(document, SECRET_FIELDS)[0]
    except RecursionError:
        return f"<{len(raw)} bytes, nested too deeply to record>"
