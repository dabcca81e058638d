"""How an incoming request is compared with a recorded one.

Both requests are first reduced by :func:`normalize` to what matters for
replay: the method, the path (never the host: cassettes are recorded against
JumpCloud and replayed against localhost), the query as an order-insensitive
tuple of pairs, and the body parsed as JSON when it is JSON. Headers are not
compared. Secret values are masked on both sides, because the cassette holds
``"REDACTED"`` where the live request holds the real secret.

Each matcher compares one part and returns ``None`` when it is equal, or the
differences as readable strings, recorded value first::

    method: PATCH != PUT
    query.limit: "10" != "20"
    body.userLockoutAction: "suspend" != "maintain"
    body.ips[1]: missing          (recorded, not sent)
    body.ips[2]: unexpected       (sent, not recorded)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .cassette import Request
from .filters import REDACTED, fold, redact_json, scrub_text_body, secret_names

DEFAULT_MATCHERS = ("method", "path", "query", "body")

DEFAULT_MASKED = secret_names()

# Where the API key travels (header or query) is not part of the request's
# meaning, so these parameters are left out of the query altogether.
API_KEY_PARAMS = frozenset({fold("api_key"), fold("x-api-key")})

_MAX_RENDERED = 80


@dataclass(frozen=True)
class Normalized:
    """A request reduced to what the matchers compare."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: Any = None  # the parsed JSON document if is_json, else the raw bytes or None
    is_json: bool = False
    body_key: Hashable = field(default=None, repr=False)

    def key(self, matchers: Iterable[str]) -> tuple:
        """A hashable value equal for two requests exactly when these matchers find no difference."""
        return tuple(getattr(self, _KEY_FIELDS[name]) for name in matchers)

    def query_dict(self) -> dict[str, Any]:
        """The query as a mapping; a repeated parameter maps to the list of its values."""
        out: dict[str, Any] = {}
        for name, value in self.query:
            if name not in out:
                out[name] = value
            elif isinstance(out[name], list):
                out[name].append(value)
            else:
                out[name] = [out[name], value]
        return out

    def describe(self) -> dict[str, Any]:
        """The request as understood, JSON-able."""
        if self.is_json or self.body is None:
            body = self.body
        else:
            body = _raw_text(self.body)
        return {"method": self.method, "path": self.path, "query": self.query_dict(), "body": body}


def normalize(
    request: Request, ignore_fields: Iterable[str] = (), masked: frozenset[str] = DEFAULT_MASKED
) -> Normalized:
    """Reduce ``request`` for matching.

    ``ignore_fields`` are dotted paths into the JSON body (``name``,
    ``body.name``, ``data.*.company.name``, ``data[].company.name``,
    ``ips[0]``) removed before comparing; ``*`` and ``[]`` mean every item.
    Query parameters and JSON keys whose folded name is in ``masked`` compare
    as ``"REDACTED"`` whatever their value; ``api_key`` and ``x-api-key``
    query parameters are dropped.
    """
    parts = urlsplit(request.uri)
    query = tuple(
        sorted(
            (name, REDACTED if fold(name) in masked else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if fold(name) not in API_KEY_PARAMS
        )
    )
    body, is_json = _parse_body(request.body)
    if is_json:
        body, _ = redact_json(body, masked)
        for ignored in ignore_fields:
            body = _without(body, _field_path(ignored))
        body_key: Hashable = ("json", json.dumps(_canonical(body), sort_keys=True, separators=(",", ":")))
    else:
        # Secrets in a body that is not JSON are masked as the recorder masks them, so the
        # two sides compare equal and no report or log shows them.
        body = None if body is None else scrub_text_body(body, masked)
        body_key = None if body is None else ("raw", body)
    return Normalized(
        method=request.method.upper(),
        path=unquote(parts.path) or "/",
        query=query,
        body=body,
        is_json=is_json,
        body_key=body_key,
    )


def redacted_names(request: Request) -> set[str]:
    """Folded names of the query parameters and JSON keys whose value is ``"REDACTED"``.

    A cassette recorded with extra ``--filter-field`` names says so through
    these, so replay can mask the same names without being told again.
    """
    names = {fold(n) for n, v in parse_qsl(urlsplit(request.uri).query, keep_blank_values=True) if v == REDACTED}
    body, is_json = _parse_body(request.body)
    if is_json:
        _collect_redacted(body, names)
    return names


def method(recorded: Normalized, incoming: Normalized) -> list[str] | None:
    """Methods differ."""
    if recorded.method == incoming.method:
        return None
    return [f"method: {recorded.method} != {incoming.method}"]


def path(recorded: Normalized, incoming: Normalized) -> list[str] | None:
    """Paths differ (hosts are never compared)."""
    if recorded.path == incoming.path:
        return None
    return [f"path: {recorded.path} != {incoming.path}"]


def query(recorded: Normalized, incoming: Normalized) -> list[str] | None:
    """Query parameters differ, in any order."""
    if recorded.query == incoming.query:
        return None
    return diff_json(recorded.query_dict(), incoming.query_dict(), "query") or None


def body(recorded: Normalized, incoming: Normalized) -> list[str] | None:
    """Bodies differ: JSON by content, anything else byte for byte."""
    if recorded.body_key == incoming.body_key:
        return None
    if recorded.is_json and incoming.is_json:
        return diff_json(recorded.body, incoming.body, "body") or None
    return [f"body: {_render_body(recorded)} != {_render_body(incoming)}"]


MATCHERS: dict[str, Callable[[Normalized, Normalized], list[str] | None]] = {
    "method": method,
    "path": path,
    "query": query,
    "body": body,
}

_KEY_FIELDS = {"method": "method", "path": "path", "query": "query", "body": "body_key"}


def check_matchers(names: Iterable[str]) -> tuple[str, ...]:
    """Validate matcher names, returning them as a tuple."""
    names = tuple(names)
    unknown = [n for n in names if n not in MATCHERS]
    if unknown:
        raise ValueError(f"unknown matcher {unknown[0]!r}; known matchers: {', '.join(MATCHERS)}")
    return names


def differences(recorded: Normalized, incoming: Normalized, matchers: Iterable[str] = DEFAULT_MATCHERS) -> list[str]:
    """Every difference the named matchers find, in matcher order; empty when they match."""
    found: list[str] = []
    for name in matchers:
        found.extend(MATCHERS[name](recorded, incoming) or ())
    return found


def diff_json(recorded: Any, incoming: Any, where: str = "body") -> list[str]:
    """Differences between two JSON values, each as ``path: recorded != incoming``.

    Paths are dotted, with ``[i]`` for list items; values are rendered as JSON.
    """
    if isinstance(recorded, dict) and isinstance(incoming, dict):
        found = []
        for key, value in recorded.items():
            child = _child(where, key)
            if key in incoming:
                found.extend(diff_json(value, incoming[key], child))
            else:
                found.append(f"{child}: missing")
        found.extend(f"{_child(where, key)}: unexpected" for key in incoming if key not in recorded)
        return found
    if isinstance(recorded, list) and isinstance(incoming, list):
        found = []
        for index in range(max(len(recorded), len(incoming))):
            child = f"{where}[{index}]"
            if index >= len(incoming):
                found.append(f"{child}: missing")
            elif index >= len(recorded):
                found.append(f"{child}: unexpected")
            else:
                found.extend(diff_json(recorded[index], incoming[index], child))
        return found
    if _same(recorded, incoming):
        return []
    return [f"{where}: {_render(recorded)} != {_render(incoming)}"]


def _same(a: Any, b: Any) -> bool:
    # JSON has one number type (1 == 1.0) but true is not 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _canonical(value: Any) -> Any:
    """Make JSON values that ``_same`` finds equal serialise the same way."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_$@-]+$")


def _child(where: str, key: str) -> str:
    return f"{where}.{key}" if _SIMPLE_KEY.match(key) else f"{where}[{json.dumps(key)}]"


def _render(value: Any) -> str:
    return _truncate(json.dumps(value, ensure_ascii=False))


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_RENDERED else text[: _MAX_RENDERED - 3] + "..."


def _raw_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"<{len(raw)} bytes>"


def _render_body(n: Normalized) -> str:
    if n.is_json:
        return _render(n.body)
    if n.body is None:
        return "<empty>"
    try:
        return f"<text {_render(n.body.decode('utf-8'))}>"
    except UnicodeDecodeError:
        return f"<{len(n.body)} bytes>"


def _parse_body(raw: bytes | None) -> tuple[Any, bool]:
    # No body and an empty body are the same request: clients send None,
    # servers receive b"".
    if not raw:
        return None, False
    try:
        return json.loads(raw), True
    except ValueError:
        return bytes(raw), False


def _collect_redacted(document: Any, names: set[str]) -> None:
    if isinstance(document, dict):
        for key, value in document.items():
            if value == REDACTED:
                names.add(fold(key))
            else:
                _collect_redacted(value, names)
    elif isinstance(document, list):
        for item in document:
            _collect_redacted(item, names)


@lru_cache(maxsize=256)
def _field_path(dotted: str) -> tuple[str, ...]:
    """``body.data[].ips[0]`` -> ``("data", "*", "ips", "0")``."""
    spelled = re.sub(r"\[(\d*)\]", lambda m: "." + (m.group(1) or "*"), dotted)
    steps = tuple(step for step in spelled.split(".") if step)
    if steps[:1] == ("body",):
        steps = steps[1:]
    if not steps:
        raise ValueError(f"ignore field {dotted!r} names no field of the body")
    return steps


def _without(document: Any, steps: tuple[str, ...]) -> Any:
    """A copy of ``document`` without what ``steps`` point at; ``*`` is every item."""
    head, rest = steps[0], steps[1:]
    if isinstance(document, dict):
        targets = list(document) if head == "*" else [head] if head in document else []
        out: Any = dict(document)
    elif isinstance(document, list):
        if head == "*":
            targets = list(range(len(document)))
        else:
            targets = [int(head)] if head.isdigit() and int(head) < len(document) else []
        out = list(document)
    else:
        return document
    if rest:
        for target in targets:
            out[target] = _without(out[target], rest)
    elif isinstance(out, dict):
        for target in targets:
            del out[target]
    else:
        dropped = set(targets)
        out = [item for index, item in enumerate(out) if index not in dropped]
    return out
