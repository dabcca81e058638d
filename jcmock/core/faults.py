"""Fault injection: make chosen requests fail, slow down or drop, to test a client's retries.

Rules match by method and path glob and fire for the next N requests or with a
probability; the ``x-jcmock-fault`` header asks for a fault on one request
(``429``, ``503``, ``delay=200ms``, ``drop``, or several joined by commas).
"""
import itertools
import random
import re
import threading
import time
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase

from flask import Response, request

from .errors import ApiError, BadRequest, reason_phrase
from .http import request_state

FAULT_HEADER = "x-jcmock-fault"


class ConnectionDropped(Exception):
    """Raised as the answer starts: the server closes the connection before sending a byte."""


@dataclass
class Fault:
    id: int
    method: str = "*"
    path: str = "*"                     # a glob; one not under a service prefix is relative to it
    service: str | None = None          # only this service's requests (None: any)
    status: int | None = None
    delay_ms: float = 0
    delay_max_ms: float | None = None   # with delay_ms: a random delay in [delay_ms, delay_max_ms]
    drop: bool = False
    times: int | None = None            # None: every matching request
    probability: float = 1.0
    retry_after: int = 1

    def to_dict(self):
        return asdict(self)


FIELD_TYPES = {
    "method": str, "path": str, "service": str, "status": int, "delay_ms": (int, float), "delay_max_ms": (int, float),
    "drop": bool, "times": int, "probability": (int, float), "retry_after": int,
}
NULLABLE = {"status", "times", "delay_max_ms", "service"}


def build(fault_id, fields, services):
    """A Fault from user-given fields (JSON or keyword arguments); BadRequest says what is wrong.

    ``path`` may be a glob or a template (``/iplists/{id}``), with or without the service's
    prefix (``/api/v2``): a path under no prefix of ``services`` is matched below the prefix of
    the request's service.
    """
    unknown = set(fields) - set(FIELD_TYPES)
    if unknown:
        raise BadRequest(f"unknown fault fields: {', '.join(sorted(unknown))}; known: {', '.join(FIELD_TYPES)}")
    for name, value in fields.items():
        if value is None and name in NULLABLE:
            continue
        if (isinstance(value, bool) and FIELD_TYPES[name] is not bool) or not isinstance(value, FIELD_TYPES[name]):
            raise BadRequest(f"fault field {name!r} has the wrong type: {value!r}")
    fields = dict(fields)
    if "method" in fields:
        fields["method"] = fields["method"].upper()
    if "path" in fields:
        path = re.sub(r"\{[^}]*\}", "*", fields["path"])
        fields["path"] = path if path.startswith(("/", "*")) else "/" + path
    if fields.get("service") is not None and fields["service"] not in services.by_name:
        raise BadRequest(f"fault service {fields['service']!r} is not one of {', '.join(services.by_name)}")
    return validate(Fault(id=fault_id, **fields))


def _matches(fault, path, prefix, services):
    """Whether ``fault.path`` matches the request's path: whole, or below the service's ``prefix``."""
    if fnmatchcase(path, fault.path):
        return True
    if prefix is None or fault.path.startswith("*") or services.for_path(fault.path) is not None:
        return False
    return fnmatchcase(path[len(prefix):], fault.path)


def validate(fault: Fault):
    """Reject a fault that could never fire or would answer nonsense (400 naming the field)."""
    if fault.status is not None and not 400 <= fault.status <= 599:
        raise BadRequest("fault status must be an HTTP error status (400-599)")
    if fault.status is None and not fault.delay_ms and not fault.drop:
        raise BadRequest("a fault needs a status, a delay_ms or drop")
    if not 0 < fault.probability <= 1:
        raise BadRequest("fault probability must be in (0, 1]")
    if fault.times is not None and fault.times < 1:
        raise BadRequest("fault times must be at least 1")
    if fault.delay_ms < 0 or fault.delay_ms > 60_000 or (fault.delay_max_ms or 0) > 60_000:
        raise BadRequest("fault delay must be between 0 and 60000 ms")
    return fault


class Faults:
    """The active fault rules of one app; thread-safe."""

    def __init__(self, services, seed=None):
        self.services = services
        self._rules = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._random = random.Random(seed)

    def add(self, **fields):
        """Add a rule (fields as ``Fault``'s); BadRequest for unknown fields or wrong types."""
        fault = build(next(self._ids), fields, self.services)
        with self._lock:
            self._rules.append(fault)
        return fault

    def list(self):
        with self._lock:
            return list(self._rules)

    def clear(self):
        with self._lock:
            self._rules.clear()

    def pick(self, method, path, service=None, prefix=None):
        """The first rule that fires for this request (of ``service``, below ``prefix``), counting it down."""
        with self._lock:
            for fault in self._rules:
                if fault.method not in ("*", method) or fault.service not in (None, service):
                    continue
                if not _matches(fault, path, prefix, self.services):
                    continue
                if fault.probability < 1 and self._random.random() >= fault.probability:
                    continue
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times == 0:
                        self._rules.remove(fault)
                return fault
        return None

    def delay_seconds(self, fault):
        if fault.delay_max_ms is not None:
            with self._lock:
                return self._random.uniform(fault.delay_ms, fault.delay_max_ms) / 1000
        return fault.delay_ms / 1000


_DELAY = re.compile(r"^delay=(\d+(?:\.\d+)?)(ms|s)?$")


def parse_header(value, services):
    """``x-jcmock-fault: 429`` / ``delay=200ms`` / ``drop`` / ``delay=1s,503`` as Fault fields."""
    fields = {}
    for part in (p.strip().lower() for p in value.split(",") if p.strip()):
        delay = _DELAY.match(part)
        if part.isdigit():
            fields["status"] = int(part)
        elif delay:
            fields["delay_ms"] = float(delay.group(1)) * (1000 if delay.group(2) == "s" else 1)
        elif part == "drop":
            fields["drop"] = True
        else:
            raise BadRequest(f"{FAULT_HEADER} must be a status (429), delay=200ms or drop; got {part!r}")
    return build(0, fields, services)


def injected_error(fault):
    """The fault's error, which the app renders in the service's shape (Okta adds its rate-limit headers)."""
    headers = {"Retry-After": str(fault.retry_after)} if fault.status in (429, 503) else None
    return ApiError(f"{reason_phrase(fault.status)} (injected by jcmock)", headers=headers, code=fault.status)


class _DroppedBody:
    """A body that fails when the server starts sending it, so the drop happens on the wire."""

    def __iter__(self):
        raise ConnectionDropped("connection dropped by fault injection")


def dropped_response():
    """An answer that closes the connection before its first byte: ``requests`` raises ConnectionError.

    The journal records status 0.
    """

    response = Response(_DroppedBody(), status=200, mimetype="application/json")
    response.jcmock_dropped = True
    return response


def install(app, faults):
    """Apply ``faults`` (and the fault header) to service requests, before anything else answers."""

    @app.before_request
    def inject():
        state = request_state()
        if state.service is None:
            return None
        current = request._get_current_object()  # one look through the proxy
        header = current.headers.get(FAULT_HEADER)
        fault = (parse_header(header, faults.services) if header
                 else faults.pick(current.method, current.path, state.service.name, state.prefix))
        if fault is None:
            return None
        if fault.delay_ms:
            # On the server's event loop, its sleep lets the other connections go on meanwhile.
            sleep = request.environ.get("jcmock.sleep", time.sleep)
            sleep(faults.delay_seconds(fault))
        if fault.drop:
            return dropped_response()
        if fault.status:
            raise injected_error(fault)
        return None
