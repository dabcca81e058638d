"""What was recorded: interactions and the cassette file that holds them.

Cassettes use VCR.py's YAML format (version 1) so they move freely between
jcmock and vcrpy::

    interactions:
    - request:
        body: '{"name": "x"}'          # str, or null when there is no body
        headers: {Accept: [application/json]}
        method: PATCH
        uri: https://console.jumpcloud.com/api/v2/gsuites/5f1e
      response:
        body: {string: '{"id": "5f1e"}'}
        headers: {Content-Type: [application/json]}
        status: {code: 200, message: OK}
    version: 1

Bodies that are valid UTF-8 are stored as text; any other body is stored as
``!!binary`` (base64), exactly as vcrpy's serializer writes bytes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.files import write_atomic

try:
    from yaml import CSafeDumper as _SafeDumper
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeDumper as _SafeDumper
    from yaml import SafeLoader as _SafeLoader

FORMAT_VERSION = 1

@dataclass(frozen=True)
class Request:
    """A recorded or incoming HTTP request. ``uri`` is absolute when recorded."""

    method: str
    uri: str
    body: bytes | None = None
    headers: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Response:
    """A recorded HTTP response."""

    status: int
    message: str = ""
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Interaction:
    """One request and the response it received.

    Frozen because a cassette serialises each interaction once and reuses
    that text on every later save; use ``dataclasses.replace`` to change one.
    """

    request: Request
    response: Response


class CassetteError(Exception):
    """A cassette file exists but cannot be read as a version 1 cassette."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class Cassette:
    """An ordered list of interactions stored in one YAML file.

    ``append`` and ``save`` are safe to call from several threads, so a
    recording proxy can append and save after every request.
    """

    def __init__(self, path: str | os.PathLike, interactions: list[Interaction] | None = None):
        self.path = Path(path)
        self.interactions: list[Interaction] = list(interactions or [])
        self._lock = threading.Lock()
        # id(interaction) -> (interaction, its YAML text); holding the
        # interaction keeps its id from being reused while cached.
        self._yaml_cache: dict[int, tuple[Interaction, str]] = {}

    @classmethod
    def load(cls, path: str | os.PathLike) -> Cassette:
        """Read a cassette; a missing file gives an empty cassette at that path."""
        try:
            text = Path(path).read_bytes()
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            raise CassetteError(path, exc.strerror or str(exc)) from exc
        return cls(path, parse(text, path))

    def append(self, interaction: Interaction) -> None:
        """Add an interaction at the end (in memory; call ``save`` to persist)."""
        with self._lock:
            self.interactions.append(interaction)

    def save(self) -> None:
        """Write the whole cassette atomically: readers see the old file or the new one."""
        with self._lock:
            text = self._render()
            write_atomic(self.path, text.encode("utf-8"))

    def _render(self) -> str:
        cache = {}
        parts = []
        for interaction in self.interactions:
            cached = self._yaml_cache.get(id(interaction))
            if cached is None:
                cached = (interaction, _dump([interaction_to_dict(interaction)]))
            cache[id(interaction)] = cached
            parts.append(cached[1])
        self._yaml_cache = cache
        if not parts:
            return _dump({"interactions": [], "version": FORMAT_VERSION})
        # Same text yaml.dump gives for the whole document: the dumper sorts
        # keys (interactions, version) and does not indent a mapping's list.
        return "interactions:\n" + "".join(parts) + _dump({"version": FORMAT_VERSION})

    def __len__(self) -> int:
        return len(self.interactions)

    def __iter__(self) -> Iterator[Interaction]:
        return iter(self.interactions)

    def __repr__(self) -> str:
        return f"<Cassette {str(self.path)!r} with {len(self.interactions)} interactions>"


def parse(text: bytes | str, path: str | os.PathLike = "<cassette>") -> list[Interaction]:
    """Parse cassette YAML into interactions, raising ``CassetteError`` on bad input."""
    try:
        data = yaml.load(text, Loader=_CassetteLoader)
    except yaml.YAMLError as exc:
        raise CassetteError(path, f"invalid YAML: {exc}") from exc
    if data is None:
        raise CassetteError(path, "file is empty")
    if not isinstance(data, dict) or "interactions" not in data:
        raise CassetteError(path, "not a cassette: expected a mapping with 'interactions' and 'version'")
    if data.get("version") != FORMAT_VERSION:
        raise CassetteError(path, f"unsupported cassette version {data.get('version')!r} (expected {FORMAT_VERSION})")
    if not isinstance(data["interactions"], list):
        raise CassetteError(path, "'interactions' must be a list")
    interactions = []
    for index, item in enumerate(data["interactions"]):
        try:
            interactions.append(interaction_from_dict(item))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CassetteError(path, f"interaction {index}: {_describe(exc)}") from exc
    return interactions


def dumps(interactions: list[Interaction]) -> str:
    """Serialise interactions as a version 1 cassette document."""
    return _dump({"interactions": [interaction_to_dict(i) for i in interactions], "version": FORMAT_VERSION})


def interaction_to_dict(interaction: Interaction) -> dict[str, Any]:
    """The vcrpy dictionary form of one interaction."""
    request, response = interaction.request, interaction.response
    return {
        "request": {
            "body": _body_to_yaml(request.body),
            "headers": _headers_to_yaml(request.headers),
            "method": request.method,
            "uri": request.uri,
        },
        "response": {
            "body": {"string": _body_to_yaml(response.body)},
            "headers": _headers_to_yaml(response.headers),
            "status": {"code": response.status, "message": response.message},
        },
    }


def interaction_from_dict(data: dict[str, Any]) -> Interaction:
    """Build an interaction from its vcrpy dictionary form."""
    request = data["request"]
    recorded_request = Request(
        method=str(request["method"]),
        uri=str(request["uri"]),
        body=_body_from_yaml(request.get("body")),
        headers=_headers_from_yaml(request.get("headers")),
    )
    response = data["response"]
    status = response["status"]
    recorded_response = Response(
        status=int(status["code"]),
        message=str(status.get("message") or ""),
        headers=_headers_from_yaml(response.get("headers")),
        body=_body_from_yaml((response.get("body") or {}).get("string")) or b"",
    )
    return Interaction(recorded_request, recorded_response)


def _body_to_yaml(body: bytes | None) -> str | bytes | None:
    if body is None:
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return bytes(body)  # the dumper writes bytes as !!binary, as vcrpy does


def _body_from_yaml(value: Any) -> bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, list):  # vcrpy's serialised iterator body: a list of chunks
        return b"".join(_body_from_yaml(chunk) or b"" for chunk in value)
    raise TypeError(f"body must be a string, binary or null, not {type(value).__name__}")


def _headers_to_yaml(headers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {str(name): [str(v) for v in values] for name, values in headers.items()}


def _headers_from_yaml(value: Any) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError("headers must be a mapping")
    return {
        str(name): [str(v) for v in values] if isinstance(values, (list, tuple)) else [str(values)]
        for name, values in value.items()
    }


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_CassetteDumper)


class _CassetteDumper(_SafeDumper):
    """Safe dumper that never emits anchors, so every interaction reads on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _CassetteLoader(_SafeLoader):
    """Safe loader that also reads the few Python tags vcrpy writes for request bodies."""


def _construct_scalar(loader: yaml.Loader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


def _construct_tuple(loader: yaml.Loader, node: yaml.Node) -> tuple:
    return tuple(loader.construct_sequence(node))


def _construct_bytesio(loader: yaml.Loader, node: yaml.Node) -> bytes:
    # vcrpy writes a file-like body as a pickled BytesIO whose state starts with the content.
    state = loader.construct_mapping(node, deep=True).get("state") or (b"",)
    return _body_from_yaml(state[0]) or b""


def _construct_iter(loader: yaml.Loader, node: yaml.Node) -> list:
    # vcrpy writes an iterator body as builtins.iter applied to its list of chunks.
    args = loader.construct_mapping(node, deep=True).get("args") or ([],)
    return list(args[0])


_CassetteLoader.add_constructor("tag:yaml.org,2002:python/str", _construct_scalar)
_CassetteLoader.add_constructor("tag:yaml.org,2002:python/unicode", _construct_scalar)
_CassetteLoader.add_constructor("tag:yaml.org,2002:python/tuple", _construct_tuple)
_CassetteLoader.add_constructor("tag:yaml.org,2002:python/object/new:_io.BytesIO", _construct_bytesio)
_CassetteLoader.add_constructor("tag:yaml.org,2002:python/object/apply:builtins.iter", _construct_iter)
